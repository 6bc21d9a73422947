/**
 * verify: re-runs a draw from its record and the roster, and names the first difference.
 * Projects, assets and cadres are compared only when they are given; question ids are filled
 * in by the plan after the draw, so they are never compared.
 */
import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord, VillageRecord } from '@lookback/contracts';
import { frameHash } from './frame.js';
import { canonicalJson } from './canonical-json.js';
import { draw } from './draw.js';
import { ALGORITHM, ALGORITHM_VERSION, type DrawRecord } from './draw-record.js';
import { resolveSettings, type SamplingSettings, type SamplingSettingsInput } from './settings.js';
import { compareCodePoints } from './text.js';

/** A part of the draw that verify re-derives only from its own input file. */
export type CompanionPart = 'projects' | 'assets' | 'cadres';

/**
 * `unchecked`: the parts the record holds but that were taken on trust, their files not given
 * (interviewees and quiz takers come with `cadres`). A MATCH vouches for the rest only.
 */
export type VerifyResult = { match: true; unchecked: CompanionPart[] } | { match: false; firstDifference: string };

export interface VerifyInputs {
  projects?: readonly ProjectRecord[];
  assets?: readonly AssetRecord[];
  cadres?: readonly CadreRecord[];
  villages?: readonly VillageRecord[];
}

export function verify(
  record: DrawRecord,
  households: readonly HouseholdRecord[],
  settingsOverride?: SamplingSettingsInput,
  inputs: VerifyInputs = {},
): VerifyResult {
  const differ = (firstDifference: string): VerifyResult => ({ match: false, firstDifference });
  if (record.algorithm !== ALGORITHM) return differ(`algorithm: record has ${show(record.algorithm)}, this verifier implements ${show(ALGORITHM)}`);
  if (record.algorithmVersion !== ALGORITHM_VERSION) {
    return differ(`algorithmVersion: record has ${show(record.algorithmVersion)}, this verifier implements ${show(ALGORITHM_VERSION)}`);
  }
  if (typeof record.seed !== 'string') return differ('seed: the record holds no revealed seed');

  let settings: SamplingSettings;
  try {
    settings = resolveSettings(record.settings);
    if (settingsOverride !== undefined) {
      const expected = resolveSettings(settingsOverride);
      const d = firstDifference(expected, record.settings, 'settings');
      if (d !== null) return differ(d);
      settings = expected;
    }
  } catch (error) {
    return differ(`settings: ${(error as Error).message}`);
  }

  const rosterHash = frameHash(households);
  if (rosterHash !== record.snapshotHash) {
    return differ(`snapshotHash: record has ${show(record.snapshotHash)}, the roster given hashes to ${show(rosterHash)}`);
  }

  let rerun: DrawRecord;
  try {
    rerun = draw({ seed: record.seed, households, settings, ...inputs });
  } catch (error) {
    return differ(`draw: re-running it failed: ${(error as Error).message}`);
  }
  const expected = comparable(rerun, record, inputs);
  const actual = comparable(record, record, inputs);
  const order = ['algorithm', 'algorithmVersion', 'seed', 'settings', 'snapshotHash', 'commitment', 'scope', 'villages'];
  for (const key of order) {
    const d = firstDifference(expected[key], actual[key], key);
    if (d !== null) return differ(d);
  }
  const d = firstDifference(expected, actual, '');
  return d === null ? { match: true, unchecked: uncheckedParts(record, inputs) } : differ(d);
}

function uncheckedParts(record: DrawRecord, inputs: VerifyInputs): CompanionPart[] {
  const holds = {
    projects: record.villages.some((v) => (v.projects?.sample?.length ?? 0) > 0),
    assets: record.villages.some((v) => (v.assets?.sample?.length ?? 0) > 0),
    cadres: record.villages.some((v) => (v.interviewees?.length ?? 0) + (v.quiz?.length ?? 0) > 0),
  };
  return (['projects', 'assets', 'cadres'] as const).filter((part) => holds[part] && !inputs[part]);
}

/** A plain copy without the parts that are not re-derived (question ids, inputs not given). */
function comparable(subject: DrawRecord, record: DrawRecord, inputs: VerifyInputs): Record<string, unknown> {
  const copy = JSON.parse(canonicalJson(subject)) as DrawRecord;
  copy.scope = {
    projects: inputs.projects ? copy.scope?.projects : record.scope?.projects,
    assets: inputs.assets ? copy.scope?.assets : record.scope?.assets,
    cadres: inputs.cadres ? copy.scope?.cadres : record.scope?.cadres,
  };
  copy.villages?.forEach((v, i) => {
    const original = record.villages?.[i];
    if (!inputs.projects) v.projects = original?.projects;
    if (!inputs.assets) v.assets = original?.assets;
    if (!inputs.cadres) {
      v.interviewees = original?.interviewees;
      v.quiz = original?.quiz;
    }
    v.quiz?.forEach((q) => (q.questionIds = []));
  });
  return copy as unknown as Record<string, unknown>;
}

/** Path and values of the first difference, object keys in code point order; null when equal. */
export function firstDifference(expected: unknown, actual: unknown, path: string): string | null {
  const at = path === '' ? '(root)' : path;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    if (expected.length !== actual.length) return `${at}: record has ${actual.length} entries, re-run gives ${expected.length}`;
    return null;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort(compareCodePoints);
    for (const key of keys) {
      const sub = path === '' ? key : `${path}.${key}`;
      if (!(key in actual)) return `${sub}: missing from the record, re-run gives ${show(expected[key])}`;
      if (!(key in expected)) return `${sub}: in the record (${show(actual[key])}) but not produced by the re-run`;
      const d = firstDifference(expected[key], actual[key], sub);
      if (d !== null) return d;
    }
    return null;
  }
  if (Object.is(expected, actual)) return null;
  return `${at}: record has ${show(actual)}, re-run gives ${show(expected)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
