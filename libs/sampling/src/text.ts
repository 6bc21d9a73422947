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
  if (normalised.length === 0) throw new SamplingError('INVALID_SEED', 'The seed is empty.', '种子不能为空');
  if (/[\u0000-\u001f\u007f]/.test(normalised)) {
    throw new SamplingError('INVALID_SEED', 'The seed contains a control character.', '种子中含有控制字符（如换行、制表符），请只用可见字符');
  }
  return normalised;
}

/** A typed seed must have at least this many characters, spaces aside (20 dice digits ≈ 52 bits). */
export const MIN_SEED_CHARACTERS = 20;

/**
 * Why a seed a planner typed is too weak to publish a commitment on, or null. The commitment hashes
 * the seed with inputs that are public or guessable (the roster's hash, the settings), so a short
 * seed lets anyone who sees the commitment try seeds until it matches and learn the draw before
 * the visit. Length and variety are what can be checked: 20 dice digits pass, "1" or twenty 1s
 * do not. (A seed the server generates has 128 random bits.)
 */
export function seedStrengthProblem(seed: string): string | null {
  const characters = [...seed.normalize('NFC').replace(/\s+/gu, '')];
  if (characters.length < MIN_SEED_CHARACTERS) {
    return `种子太短（${characters.length} 个字符）：请至少输入 ${MIN_SEED_CHARACTERS} 个字符（如掷骰子得到的 ${MIN_SEED_CHARACTERS} 个数字），或留空由系统生成随机种子。种子可被猜中时，走访前就能由承诺值反推出抽中的农户`;
  }
  if (new Set(characters).size < 5) return '种子过于单一（不同的字符少于 5 个）：请用掷骰子等方式得到的随机数字，或留空由系统生成随机种子';
  return null;
}

/** A natural key (户编号, 项目编号, ...) must be non-empty and free of NUL, the ticket separator. */
export function assertNaturalKey(key: string, what: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.includes('\u0000')) {
    throw new SamplingError('INVALID_ROSTER', `${what} "${String(key)}" is not a usable natural key.`);
  }
}
