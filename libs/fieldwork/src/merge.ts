/**
 * Sync merge of stop records sent by phones that work offline (离线同步).
 *
 * THE RULE (also in README.md):
 * 1. A record is keyed by its client-generated `clientId`. The first copy the server sees is
 *    stored as is (with every answer and field stamped with who wrote it and when).
 * 2. Replays are no-ops: a copy whose `revision` is at or below the highest revision already seen
 *    from the same `deviceId` changes nothing and reports no conflict, however often it is sent.
 * 3. Otherwise the two copies are merged item by item (and field by field for status, notes,
 *    position and each household figure):
 *    - answered on one side only → that answer is kept;
 *    - the same on both sides → kept once;
 *    - different → the later change wins (answeredAt / field stamp; ties go to the greater device
 *      id, so the result does not depend on arrival order). If the two values were written by
 *      different devices, the losing one is recorded as a Conflict { itemId, kept, other,
 *      fromDevice } that is stored on the record and shown to the planner — an answer is never
 *      silently dropped. A device revising its own earlier answer is not a conflict.
 * 4. Clearing an answer does not propagate (an absent answer means "not answered here"):
 *    to withdraw an answer, answer 不适用 (na).
 * 5. Two devices that each create a record for the same stop produce two clientIds: both records
 *    are kept and duplicateStops() flags them for the planner.
 *
 * Devices should stamp `answeredAt`/`answeredBy` on every answer they change and `fieldStamps` on
 * every field they change; without stamps the record's updatedAt/deviceId stand in, which can
 * let a stale field from an older copy win.
 */
import { canonicalJson } from '@lookback/sampling';
import { FieldworkError } from './errors.js';
import type { FieldStamp, ItemAnswer, RecordedPosition, StopRecord } from './record.js';
import { HOUSEHOLD_FIGURE_KEYS, type HouseholdFigures } from './figures.js';

/** A value of a record-level field in a conflict. */
export type FieldValue = string | number | boolean | null | RecordedPosition;

interface ConflictBase {
  /** The item id, or for a record field '$status', '$notes', '$position' or '$figures.<key>'. */
  itemId: string;
  /** The device whose value was kept. */
  keptDevice: string;
  /** The device whose value lost. */
  fromDevice: string;
}

/** Two devices answered one item differently. */
export interface AnswerConflict extends ConflictBase {
  kind: 'answer';
  kept: ItemAnswer;
  other: ItemAnswer;
}

/** Two devices set one record field differently. */
export interface FieldConflict extends ConflictBase {
  kind: 'field';
  kept: FieldValue;
  other: FieldValue;
  keptAt: string;
  otherAt: string;
}

/** 冲突 — stored with the record and shown to the planner. */
export type Conflict = AnswerConflict | FieldConflict;

export interface MergeResult {
  merged: StopRecord;
  /** Conflicts this merge found that the server copy did not already hold. */
  conflicts: Conflict[];
}

const IDENTITY = ['clientId', 'planId', 'villageCode', 'stopKind', 'stopCode', 'templateId', 'templateVersion'] as const;

const FIELD_KEYS = ['status', 'notes', 'position', ...HOUSEHOLD_FIGURE_KEYS.map((k) => `figures.${k}` as const)] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

/** Merges an incoming copy into the server's copy (null when the server has none) by the rule above. */
export function mergeStopRecords(server: StopRecord | null, incoming: StopRecord): MergeResult {
  const stampedIncoming = stamp(incoming);
  if (server === null) {
    return {
      merged: { ...stampedIncoming, deviceRevisions: { ...incoming.deviceRevisions, [incoming.deviceId]: incoming.revision } },
      conflicts: [],
    };
  }
  for (const key of IDENTITY) {
    if (server[key] !== incoming[key]) {
      throw new FieldworkError(
        'MERGE_IDENTITY_MISMATCH',
        `record ${incoming.clientId}: ${key} is ${String(incoming[key])} on device ${incoming.deviceId} but ${String(server[key])} on the server`,
      );
    }
  }
  const seen = highestRevision(server, incoming.deviceId);
  if (seen !== undefined && incoming.revision <= seen) return { merged: server, conflicts: [] };

  const s = stamp(server);
  const found: Conflict[] = [];

  const answers = new Map<string, ItemAnswer>();
  const incomingAnswers = new Map(stampedIncoming.answers.map((a) => [a.itemId, a]));
  for (const a of s.answers) answers.set(a.itemId, a);
  for (const [itemId, i] of incomingAnswers) {
    const sv = answers.get(itemId);
    if (!sv) {
      answers.set(itemId, i);
      continue;
    }
    const [winner, loser] = pickAnswer(sv, i, incoming.deviceId);
    answers.set(itemId, winner);
    if (!sameJson(answerContent(sv), answerContent(i)) && sv.answeredBy !== i.answeredBy) {
      found.push({ kind: 'answer', itemId, kept: winner, other: loser, keptDevice: winner.answeredBy!, fromDevice: loser.answeredBy! });
    }
  }

  const fields = new Map<FieldKey, { value: FieldValue | undefined; stamp: FieldStamp }>();
  const fieldStamps: Partial<Record<string, FieldStamp>> = {};
  for (const key of FIELD_KEYS) {
    const sv = fieldValue(s, key);
    const iv = fieldValue(stampedIncoming, key);
    const sStamp = stampOf(s, key);
    const iStamp = stampOf(stampedIncoming, key);
    let chosen: { value: FieldValue | undefined; stamp: FieldStamp };
    if (isBlank(sv)) chosen = { value: iv, stamp: iStamp };
    else if (isBlank(iv)) chosen = { value: sv, stamp: sStamp };
    else {
      const incomingWins = later(iStamp, sStamp, incoming.deviceId);
      chosen = incomingWins ? { value: iv, stamp: iStamp } : { value: sv, stamp: sStamp };
      const lost = incomingWins ? { value: sv, stamp: sStamp } : { value: iv, stamp: iStamp };
      if (!sameJson(sv, iv) && sStamp.by !== iStamp.by) {
        found.push({
          kind: 'field',
          itemId: `$${key}`,
          kept: chosen.value as FieldValue,
          other: lost.value as FieldValue,
          keptDevice: chosen.stamp.by,
          fromDevice: lost.stamp.by,
          keptAt: chosen.stamp.at,
          otherAt: lost.stamp.at,
        });
      }
    }
    fields.set(key, chosen);
    if (!isBlank(chosen.value)) fieldStamps[key] = chosen.stamp;
  }

  const known = new Set((server.conflicts ?? []).map(conflictKey));
  const fresh = found.filter((c) => !known.has(conflictKey(c)));
  const conflicts = [...(server.conflicts ?? [])];
  for (const c of [...(incoming.conflicts ?? []), ...fresh]) {
    const key = conflictKey(c);
    if (!known.has(key)) {
      known.add(key);
      conflicts.push(c);
    }
  }

  const merged: StopRecord = {
    ...server,
    answers: [...answers.values()].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)),
    status: fields.get('status')!.value as StopRecord['status'],
    deviceId: incoming.deviceId,
    revision: incoming.revision,
    updatedAt: Date.parse(incoming.updatedAt) >= Date.parse(server.updatedAt) ? incoming.updatedAt : server.updatedAt,
    fieldStamps,
    deviceRevisions: { ...server.deviceRevisions, ...revisionsOf(server), [incoming.deviceId]: incoming.revision },
    conflicts,
  };
  setOptional(merged, 'notes', fields.get('notes')!.value as string | undefined);
  setOptional(merged, 'position', fields.get('position')!.value as RecordedPosition | undefined);
  const figures = mergedFigures(server.figures, incoming.figures, fields);
  if (figures) merged.figures = figures;
  else delete merged.figures;
  return { merged, conflicts: fresh };
}

/** Records of one stop created under different clientIds (two devices started the same stop). */
export interface DuplicateStop {
  planId: string;
  villageCode: string;
  stopKind: StopRecord['stopKind'];
  stopCode: string;
  clientIds: string[];
  deviceIds: string[];
}

/** Stops with more than one record (by clientId): all are kept; the planner decides which counts. */
export function duplicateStops(records: readonly StopRecord[]): DuplicateStop[] {
  const groups = new Map<string, StopRecord[]>();
  for (const r of records) {
    const key = canonicalJson([r.planId, r.villageCode, r.stopKind, r.stopCode]);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: DuplicateStop[] = [];
  for (const group of groups.values()) {
    const clientIds = [...new Set(group.map((r) => r.clientId))].sort();
    if (clientIds.length < 2) continue;
    const first = group[0];
    out.push({
      planId: first.planId,
      villageCode: first.villageCode,
      stopKind: first.stopKind,
      stopCode: first.stopCode,
      clientIds,
      deviceIds: [...new Set(group.map((r) => r.deviceId))].sort(),
    });
  }
  return out.sort((a, b) => canonicalJson([a.planId, a.villageCode, a.stopKind, a.stopCode]).localeCompare(canonicalJson([b.planId, b.villageCode, b.stopKind, b.stopCode])));
}

/** Fills in the provenance a merge needs, from the record itself where the device left it out. */
function stamp(r: StopRecord): StopRecord {
  const fieldStamps: Partial<Record<string, FieldStamp>> = {};
  for (const key of FIELD_KEYS) if (!isBlank(fieldValue(r, key))) fieldStamps[key] = stampOf(r, key);
  return {
    ...r,
    answers: r.answers.map((a) => ({ ...a, answeredAt: a.answeredAt ?? r.updatedAt, answeredBy: a.answeredBy ?? r.deviceId })),
    fieldStamps,
  };
}

function stampOf(r: StopRecord, key: FieldKey): FieldStamp {
  return r.fieldStamps?.[key] ?? { at: r.updatedAt, by: r.deviceId };
}

function highestRevision(server: StopRecord, deviceId: string): number | undefined {
  return server.deviceRevisions?.[deviceId] ?? revisionsOf(server)[deviceId];
}

function revisionsOf(r: StopRecord): Record<string, number> {
  const own = r.deviceRevisions?.[r.deviceId];
  return { [r.deviceId]: Math.max(own ?? r.revision, r.revision) };
}

/** [winner, loser] of two stamped answers to one item. */
function pickAnswer(s: ItemAnswer, i: ItemAnswer, incomingDevice: string): [ItemAnswer, ItemAnswer] {
  // A device's newer revision supersedes its own earlier answer whatever its clock says.
  if (s.answeredBy === i.answeredBy && i.answeredBy === incomingDevice) return [i, s];
  return later({ at: i.answeredAt!, by: i.answeredBy! }, { at: s.answeredAt!, by: s.answeredBy! }, incomingDevice) ? [i, s] : [s, i];
}

/** Whether stamp a is later than stamp b; ties go to the greater device id, then to the incoming device. */
function later(a: FieldStamp, b: FieldStamp, incomingDevice: string): boolean {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta > tb;
  if (a.by !== b.by) return a.by > b.by;
  return a.by === incomingDevice;
}

function answerContent(a: ItemAnswer): unknown {
  return { value: a.value, problem: a.problem ?? null, note: a.note ?? null };
}

function fieldValue(r: StopRecord, key: FieldKey): FieldValue | undefined {
  if (key === 'status') return r.status;
  if (key === 'notes') return r.notes;
  if (key === 'position') return r.position;
  const figure = key.slice('figures.'.length) as keyof HouseholdFigures;
  return r.figures?.[figure];
}

function mergedFigures(
  a: HouseholdFigures | undefined,
  b: HouseholdFigures | undefined,
  fields: Map<FieldKey, { value: FieldValue | undefined }>,
): HouseholdFigures | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, FieldValue> = {};
  for (const key of HOUSEHOLD_FIGURE_KEYS) {
    const v = fields.get(`figures.${key}`)!.value;
    if (v !== undefined) out[key] = v;
    // The five ledger figures are required members of the type: keep them as null when unknown.
    else if (key in (a ?? {}) || key in (b ?? {})) out[key] = null;
  }
  return out as unknown as HouseholdFigures;
}

function setOptional<K extends 'notes' | 'position'>(r: StopRecord, key: K, value: StopRecord[K] | undefined): void {
  if (value === undefined) delete r[key];
  else r[key] = value;
}

function isBlank(v: FieldValue | undefined): boolean {
  return v === undefined || v === null || v === '';
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(clean(a)) === canonicalJson(clean(b));
}

function clean(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

function conflictKey(c: Conflict): string {
  return canonicalJson(clean([c.kind, c.itemId, c.kept, c.other]));
}
