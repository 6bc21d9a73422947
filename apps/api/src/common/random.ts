import { randomBytes } from 'node:crypto';

/** Randomness from the operating system's CSPRNG, injected so tests control it. */
export abstract class RandomSource {
  abstract bytes(n: number): Uint8Array;
}
export class CryptoRandom extends RandomSource {
  bytes(n: number): Uint8Array {
    return randomBytes(n);
  }
}
