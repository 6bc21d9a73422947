/**
 * Tickets: ticket = SHA-256( UTF-8(seed) ‖ 0x00 ‖ UTF-8(purpose) ‖ 0x00 ‖ UTF-8(key) ),
 * compared as unsigned big-endian 256-bit numbers (= lowercase hex strings compared as text).
 *
 * A county draw hashes ~240,000 keys, so the hot path is a plain SHA-256 (FIPS 180-4) that hashes
 * the shared prefix once, keeps the mid-state and writes each digest as eight 32-bit words into a
 * caller's array. A short ASCII key (every 户编号) is written straight into the message words, so
 * the common ticket is one compression and no allocation. Scratch arrays are shared by all
 * hashers: the functions here are synchronous and never re-entered.
 * `tickets-follow-the-published-byte-layout.spec.ts` checks it against Node's own SHA-256.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { compareCodePoints } from './text.js';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const encoder = new TextEncoder();

/** Number of 32-bit words in a ticket. */
export const TICKET_WORDS = 8;

/** Shared scratch: the message schedule, the running state and a byte buffer for long keys. */
const W = new Int32Array(64);
const STATE = new Int32Array(8);
const DIGEST = new Uint32Array(8);
let scratch = new Uint8Array(256);

export class TicketHasher {
  /** State after the whole 64-byte blocks of the prefix. */
  private readonly midState = new Int32Array(8);
  private readonly prefixTail: Uint8Array;
  private readonly prefixLength: number;
  /** The prefix tail as big-endian message words, zero after it: the first block of a short key. */
  private readonly tailWords = new Int32Array(16);
  /** Rounds of a short key's block that see only whole prefix words, and the state after them. */
  private readonly fixedRounds: number;
  private readonly fixedState = new Int32Array(8);

  constructor(
    readonly seed: string,
    readonly purpose: string,
  ) {
    const prefix = ticketPrefix(seed, purpose);
    this.prefixLength = prefix.length;
    this.midState.set(IV);
    const whole = prefix.length - (prefix.length % 64);
    for (let offset = 0; offset < whole; offset += 64) {
      loadBlock(prefix, offset);
      compress(this.midState, this.midState, 0, DIGEST, 0);
      this.midState.set(DIGEST);
    }
    this.prefixTail = prefix.slice(whole);
    for (let i = 0; i < this.prefixTail.length; i++) this.tailWords[i >> 2] |= this.prefixTail[i] << ((3 - (i & 3)) << 3);
    // Round i reads only W[i] (i < 16): rounds over the prefix's whole words are the same for every key.
    this.fixedRounds = this.prefixTail.length >> 2;
    runRounds(this.midState, this.tailWords, 0, this.fixedRounds, this.fixedState);
  }

  /** Writes the ticket of `key` as 8 big-endian words at out[offset..offset+8). */
  ticketInto(key: string, out: Uint32Array, offset: number): void {
    const tail = this.prefixTail.length;
    const length = key.length;
    // One block holds the tail, the key, the 0x80 byte and the 8-byte length.
    if (tail + length + 9 <= 64 && this.shortKeyBlock(key, tail)) {
      W[15] = (this.prefixLength + length) * 8;
      compress(this.midState, this.fixedState, this.fixedRounds, out, offset);
    } else {
      this.longKey(key, tail);
      for (let i = 0; i < 8; i++) out[offset + i] = STATE[i] >>> 0;
    }
  }

  /** Loads the one block of an ASCII key into W; false (W unspecified) when the key is not ASCII. */
  private shortKeyBlock(key: string, tail: number): boolean {
    const words = this.tailWords;
    for (let i = 0; i < 16; i++) W[i] = words[i];
    let p = tail;
    for (let i = 0; i < key.length; i++, p++) {
      const c = key.charCodeAt(i);
      if (c >= 0x80) return false;
      W[p >> 2] |= c << ((3 - (p & 3)) << 3);
    }
    W[p >> 2] |= 0x80 << ((3 - (p & 3)) << 3);
    // Messages here are far below 2^32 bits, so the upper half of the 64-bit length stays 0.
    W[14] = 0;
    return true;
  }

  /** Any key: UTF-8 bytes and padding in the byte buffer, one compression per block. */
  private longKey(key: string, tail: number): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; 72 covers the 0x80 byte and the length field.
    const need = tail + key.length * 3 + 72;
    if (scratch.length < need) scratch = new Uint8Array(need * 2);
    const buf = scratch;
    buf.set(this.prefixTail, 0);
    const written = encoder.encodeInto(key, buf.subarray(tail, need)).written;
    let end = tail + written;
    const bitLength = (this.prefixLength + written) * 8;
    buf[end++] = 0x80;
    const total = end + 8 <= 64 ? 64 : Math.ceil((end + 8) / 64) * 64;
    buf.fill(0, end, total - 4);
    buf[total - 4] = bitLength >>> 24;
    buf[total - 3] = (bitLength >>> 16) & 0xff;
    buf[total - 2] = (bitLength >>> 8) & 0xff;
    buf[total - 1] = bitLength & 0xff;
    STATE.set(this.midState);
    for (let o = 0; o < total; o += 64) {
      loadBlock(buf, o);
      compress(STATE, STATE, 0, DIGEST, 0);
      STATE.set(DIGEST);
    }
  }

  /** The ticket of `key` as 64 lowercase hex digits. */
  ticketHex(key: string): string {
    this.ticketInto(key, ONE, 0);
    return wordsToHex(ONE, 0);
  }
}

const ONE = new Uint32Array(TICKET_WORDS);

export function ticketPrefix(seed: string, purpose: string): Uint8Array {
  const s = utf8ToBytes(seed);
  const p = utf8ToBytes(purpose);
  const prefix = new Uint8Array(s.length + 1 + p.length + 1);
  prefix.set(s, 0);
  prefix.set(p, s.length + 1);
  return prefix;
}

/** The ticket of one key; a caller hashing many keys under one purpose keeps a TicketHasher. */
export function ticket(seed: string, purpose: string, key: string): string {
  return new TicketHasher(seed, purpose).ticketHex(key);
}

export function compareTicketWords(words: Uint32Array, a: number, b: number): number {
  const x = a * TICKET_WORDS;
  const y = b * TICKET_WORDS;
  for (let i = 0; i < TICKET_WORDS; i++) {
    const d = words[x + i] - words[y + i];
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const HEX_DIGIT = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_CODES: number[] = new Array(TICKET_WORDS * 8).fill(0);

/** 64 lowercase hex digits, built as one flat string (no chain of concatenations per ticket). */
export function wordsToHex(words: Uint32Array, offset: number): string {
  for (let i = 0; i < TICKET_WORDS; i++) {
    const w = words[offset + i];
    for (let d = 0; d < 8; d++) HEX_CODES[i * 8 + d] = HEX_DIGIT[(w >>> (28 - 4 * d)) & 15];
  }
  return String.fromCharCode.apply(null, HEX_CODES);
}

/**
 * Sorts indices by ticket (ties by key, in code point order). Packs each ticket's first word with
 * the position into one double so the engine's native numeric sort does the work; runs sharing a
 * first word (rare) are re-sorted on the whole ticket.
 */
export function sortByTicket(ids: number[], words: Uint32Array, keyOf: (index: number) => string): void {
  const byTicket = (a: number, b: number) => compareTicketWords(words, a, b) || compareCodePoints(keyOf(a), keyOf(b));
  const n = ids.length;
  // first word · 2^20 + position < 2^52 stays exact while fewer than 2^20 are sorted.
  if (n >= 1 << 20) {
    ids.sort(byTicket);
    return;
  }
  const packed = new Float64Array(n);
  for (let j = 0; j < n; j++) packed[j] = words[ids[j] * TICKET_WORDS] * 1048576 + j;
  packed.sort();
  const original = ids.slice();
  for (let j = 0; j < n; j++) ids[j] = original[packed[j] % 1048576];
  for (let j = 0; j < n; ) {
    let k = j + 1;
    while (k < n && words[ids[k] * TICKET_WORDS] === words[ids[j] * TICKET_WORDS]) k++;
    if (k - j > 1) {
      const run = ids.slice(j, k).sort(byTicket);
      for (let r = 0; r < run.length; r++) ids[j + r] = run[r];
    }
    j = k;
  }
}

let firstWords = new Float64Array(1024);

/**
 * The k ids with the smallest tickets, in ticket order (ties by key): the same as the first k of
 * sortByTicket, without sorting the rest. The k-th smallest first word is found by quickselect;
 * every id whose first word is at most that one is then sorted in full.
 */
export function firstByTicket(ids: readonly number[], words: Uint32Array, keyOf: (index: number) => string, k: number): number[] {
  const n = ids.length;
  if (k <= 0) return [];
  if (k >= n || n <= 64) {
    const all = ids.slice();
    sortByTicket(all, words, keyOf);
    return all.slice(0, k);
  }
  if (firstWords.length < n) firstWords = new Float64Array(n * 2);
  const a = firstWords;
  for (let j = 0; j < n; j++) a[j] = words[ids[j] * TICKET_WORDS];
  const threshold = select(a, n, k - 1);
  const chosen: number[] = [];
  for (let j = 0; j < n; j++) if (words[ids[j] * TICKET_WORDS] <= threshold) chosen.push(ids[j]);
  sortByTicket(chosen, words, keyOf);
  return chosen.slice(0, k);
}

/** The value of rank r (0-based) among a[0..n), by quickselect (Hoare partition, middle pivot); reorders a. */
function select(a: Float64Array, n: number, r: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r];
  }
  return a[r];
}

function loadBlock(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + 4 * i;
    W[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
}

/** SHA-256 rounds from..to over the message words w, starting from the working variables `vars`, written to `into`. */
function runRounds(vars: Int32Array, w: Int32Array, from: number, to: number, into: Int32Array): void {
  let a = vars[0];
  let b = vars[1];
  let c = vars[2];
  let d = vars[3];
  let e = vars[4];
  let f = vars[5];
  let g = vars[6];
  let h = vars[7];
  for (let i = from; i < to; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  into[0] = a;
  into[1] = b;
  into[2] = c;
  into[3] = d;
  into[4] = e;
  into[5] = f;
  into[6] = g;
  into[7] = h;
}

const ROUNDS = new Int32Array(8);

/**
 * One SHA-256 compression of the block in W[0..16): the working variables start as `start`, which
 * holds `state` already advanced by rounds 0..r0, and the digest state + result goes to out[offset..offset+8).
 */
function compress(state: Int32Array, start: Int32Array, r0: number, out: Uint32Array, offset: number): void {
  const w = W;
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15];
    const w2 = w[i - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  runRounds(start, w, r0, 64, ROUNDS);
  for (let i = 0; i < 8; i++) out[offset + i] = (state[i] + ROUNDS[i]) | 0;
}
