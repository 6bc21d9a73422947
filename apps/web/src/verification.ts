/**
 * 在浏览器中复核 — re-runs a plan's draw from its draw record and roster, with the same
 * @lookback/sampling code the server drew with. The files may come from the API or from the
 * user's own disk; nothing is sent anywhere.
 */
import type { HouseholdRecord } from '@lookback/contracts';
import { parseHouseholdTable, readTable, RosterFormatError } from '@lookback/roster';
import { type CompanionPart, verify, type DrawRecord } from '@lookback/sampling';

export type VerificationOutcome =
  /** 一致: the re-run gives exactly the record. */
  | { kind: 'match'; commitment: string; villages: number; households: number; unchecked: CompanionPart[] }
  /** 不一致: the record or the roster differs from what the seed and settings produce. */
  | { kind: 'mismatch'; firstDifference: string }
  /** A file could not be read at all, so nothing was compared. */
  | { kind: 'unreadable'; message: string };

export interface VerificationFile {
  name: string;
  bytes: Uint8Array;
}

export async function verifyDrawFiles(recordFile: VerificationFile, rosterFile: VerificationFile): Promise<VerificationOutcome> {
  const record = readDrawRecord(recordFile);
  if ('message' in record) return { kind: 'unreadable', message: record.message };
  if (record.seed === null) return { kind: 'unreadable', message: '抽样记录中还没有种子：方案公开种子之后才能复核' };

  const households = await readRoster(rosterFile);
  if ('message' in households) return { kind: 'unreadable', message: households.message };

  const result = verify(record, households);
  if (!result.match) return { kind: 'mismatch', firstDifference: result.firstDifference };
  return {
    kind: 'match',
    commitment: record.commitment,
    villages: record.villages.length,
    households: record.villages.reduce((n, v) => n + v.sampleSize, 0),
    unchecked: result.unchecked,
  };
}

function readDrawRecord(file: VerificationFile): DrawRecord | { message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8').decode(file.bytes));
  } catch {
    return { message: `文件「${file.name}」不是 JSON 格式的抽样记录` };
  }
  if (!isDrawRecordShape(parsed)) return { message: `文件「${file.name}」不是抽样记录（缺少 commitment、settings 或 villages）` };
  return parsed;
}

/** Enough shape to hand to verify(), which reports every finer difference itself. */
function isDrawRecordShape(value: unknown): value is DrawRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.commitment === 'string' && typeof r.settings === 'object' && r.settings !== null && Array.isArray(r.villages) && (typeof r.seed === 'string' || r.seed === null);
}

async function readRoster(file: VerificationFile): Promise<HouseholdRecord[] | { message: string }> {
  let table: string[][];
  try {
    table = await readTable(file.bytes, file.name, 'households');
  } catch (error) {
    if (error instanceof RosterFormatError) return { message: error.message };
    throw error;
  }
  const parsed = parseHouseholdTable(table);
  if (parsed.problems.length > 0) {
    // The parser's messages already name the row and column.
    return { message: `农户名单「${file.name}」有 ${parsed.problems.length} 处问题，第一处：${parsed.problems[0].message}` };
  }
  return parsed.records;
}
