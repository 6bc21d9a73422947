/**
 * The commitment stored before any sample is shown:
 * hex SHA-256( "lookback-draw-commitment" ‖ 0x00 ‖ algorithmVersion ‖ 0x00 ‖ seed ‖ 0x00 ‖
 * snapshotHash ‖ 0x00 ‖ canonicalJson(settings) ), all UTF-8, seed normalised (NFC, trimmed).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.js';
import { resolveSettings, type SamplingSettings, type SamplingSettingsInput } from './settings.js';
import { normaliseSeed } from './text.js';

export const COMMITMENT_TAG = 'lookback-draw-commitment';

export function commitment(
  seed: string,
  snapshotHash: string,
  settings: SamplingSettings | SamplingSettingsInput,
  algorithmVersion: string,
): string {
  const text = [COMMITMENT_TAG, algorithmVersion, normaliseSeed(seed), snapshotHash, canonicalJson(resolveSettings(settings))].join('\u0000');
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A server-generated seed from caller-supplied random bytes (the API passes 16 bytes from its
 * crypto source; libraries hold no randomness of their own): 32 lowercase hex digits.
 */
export function seedFromRandomBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('A generated seed needs at least 16 random bytes (128 bits).');
  return bytesToHex(bytes);
}
