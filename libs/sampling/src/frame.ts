import type { HouseholdRecord } from '@lookback/contracts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { compareCodePoints } from './text.js';

/**
 * The sampling frame (抽样框): of each household, exactly the fields that decide the draw — its
 * key, village, type, monitoring category, the five flags and its income. Names, member counts
 * and coordinates do not decide anything, so they are left out: a roster exported with masked
 * names (as privacy requires) still verifies, and nothing the draw depends on escapes the hash.
 *
 * Text: the line `#sampling-frame`, then one JSON array per household, sorted by 户编号 in Unicode
 * code point order: [户编号, 村代码, 户类型, 监测对象类别|null, 低保, 特困, 重度残疾, 大病重病,
 * 独居高龄老人, 人均纯收入], each line ending in LF (numbers in ECMAScript's shortest form).
 */
export function frameLines(households: readonly HouseholdRecord[]): string[] {
  const lines = households.map((h) => ({
    key: h.householdNo,
    line:
      JSON.stringify([h.householdNo, h.villageCode, h.householdType, h.monitoringCategory, h.dibao, h.tekun, h.severeDisability, h.seriousIllness, h.elderlyAlone, h.incomePerCapita]) +
      '\n',
  }));
  lines.sort((a, b) => compareCodePoints(a.key, b.key) || compareCodePoints(a.line, b.line));
  return ['#sampling-frame\n', ...lines.map((l) => l.line)];
}

/** Lowercase hex SHA-256 of the sampling frame text (UTF-8): the `snapshotHash` a draw record carries. */
export function frameHash(households: readonly HouseholdRecord[]): string {
  const hash = sha256.create();
  let chunk = '';
  for (const line of frameLines(households)) {
    chunk += line;
    if (chunk.length >= 1 << 20) {
      hash.update(utf8ToBytes(chunk));
      chunk = '';
    }
  }
  hash.update(utf8ToBytes(chunk));
  return bytesToHex(hash.digest());
}
