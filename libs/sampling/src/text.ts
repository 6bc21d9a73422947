/**
 * Text rules shared by tickets, canonical JSON and ordering. Every ordering of strings in the
 * draw is by Unicode code point, which equals the order of their UTF-8 bytes — the order an
 * auditor gets from a byte-wise sort in any language (JavaScript's `<` compares UTF-16 units,
 * which differs for characters above U+FFFF).
 */
import { SamplingError } from './errors.js';

export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (0xD800–0xDFFF) stands for a code point ≥ 0x10000, above every BMP unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * The seed as it enters every hash: Unicode NFC, surrounding white space removed. A NUL would make
 * the ticket layout ambiguous (NUL is the separator), so it is refused along with other controls.
 */
export function normaliseSeed(seed: string): string {
  const normalised = seed.normalize('NFC').trim();
  if (normalised.length === 0) throw new SamplingError('INVALID_SEED', 'The seed is empty.');
  if (/[\u0000-\u001f\u007f]/.test(normalised)) {
    throw new SamplingError('INVALID_SEED', 'The seed contains a control character.');
  }
  return normalised;
}

/** A natural key (户编号, 项目编号, ...) must be non-empty and free of NUL, the ticket separator. */
export function assertNaturalKey(key: string, what: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.includes('\u0000')) {
    throw new SamplingError('INVALID_ROSTER', `${what} "${String(key)}" is not a usable natural key.`);
  }
}
