/**
 * Changing a stop record on the phone. Every change raises this device's revision, sets updatedAt
 * and stamps what changed (answeredAt/answeredBy, fieldStamps) so the server's merge
 * (@lookback/fieldwork mergeStopRecords) compares when each answer was given, not when the
 * record was last touched.
 */
import type {
  AnswerValue,
  ChecklistItem,
  ChecklistTemplate,
  HouseholdFigures,
  ItemAnswer,
  Problem,
  RecordedPosition,
  StopKind,
  StopRecord,
  StopStatus,
} from '@lookback/fieldwork';

export interface NewRecordInput {
  planId: string;
  villageCode: string;
  stopKind: StopKind;
  stopCode: string;
  template: ChecklistTemplate;
  deviceId: string;
  now: string;
  clientId?: string;
}

export function newRecord(input: NewRecordInput): StopRecord {
  return {
    clientId: input.clientId ?? crypto.randomUUID(),
    planId: input.planId,
    villageCode: input.villageCode,
    stopKind: input.stopKind,
    stopCode: input.stopCode,
    templateId: input.template.id,
    templateVersion: input.template.version,
    answers: [],
    status: 'in-progress',
    deviceId: input.deviceId,
    revision: 0,
    updatedAt: input.now,
  };
}

/** This device's next revision of the record (a record another phone started counts from what the server saw of this one). */
export function nextRevision(record: StopRecord, deviceId: string): number {
  const mine = record.deviceId === deviceId ? record.revision : (record.deviceRevisions?.[deviceId] ?? 0);
  return mine + 1;
}

function touched(record: StopRecord, deviceId: string, now: string, stamps: string[] = []): StopRecord {
  const fieldStamps = { ...record.fieldStamps };
  for (const key of stamps) fieldStamps[key] = { at: now, by: deviceId };
  return { ...record, deviceId, revision: nextRevision(record, deviceId), updatedAt: now, ...(stamps.length ? { fieldStamps } : {}) };
}

function withAnswer(record: StopRecord, itemId: string, change: (a: ItemAnswer | undefined) => ItemAnswer, deviceId: string, now: string): StopRecord {
  const existing = record.answers.find((a) => a.itemId === itemId);
  const answer = { ...change(existing), answeredAt: now, answeredBy: deviceId };
  const answers = existing ? record.answers.map((a) => (a.itemId === itemId ? answer : a)) : [...record.answers, answer];
  return touched({ ...record, answers }, deviceId, now);
}

/** 是/否/不适用. The answer that means a problem opens a finding (type suggested by the item; description and severity to fill in). */
export function answerItem(record: StopRecord, item: ChecklistItem, value: AnswerValue, deviceId: string, now: string): StopRecord {
  return withAnswer(
    record,
    item.id,
    (a) => {
      const { problem: previous, ...rest } = a ?? { itemId: item.id, value };
      const next: ItemAnswer = { ...rest, itemId: item.id, value };
      if (value === item.problemWhen) next.problem = previous ?? ({ description: '', problemType: item.defaultProblemType, severity: '' } as unknown as Problem);
      return next;
    },
    deviceId,
    now,
  );
}

export function editProblem(record: StopRecord, itemId: string, patch: Partial<Problem>, deviceId: string, now: string): StopRecord {
  return withAnswer(record, itemId, (a) => ({ ...(a as ItemAnswer), problem: { ...(a?.problem as Problem), ...patch } }), deviceId, now);
}

export function editItemNote(record: StopRecord, itemId: string, note: string, deviceId: string, now: string): StopRecord {
  return withAnswer(
    record,
    itemId,
    (a) => {
      const base = a ?? ({ itemId, value: 'na' } as ItemAnswer);
      const { note: _old, ...rest } = base;
      return note.trim() ? { ...rest, note } : rest;
    },
    deviceId,
    now,
  );
}

export function setNotes(record: StopRecord, notes: string, deviceId: string, now: string): StopRecord {
  return touched({ ...record, notes }, deviceId, now, ['notes']);
}

export function setStatus(record: StopRecord, status: StopStatus, deviceId: string, now: string): StopRecord {
  return touched({ ...record, status }, deviceId, now, ['status']);
}

export function setPosition(record: StopRecord, position: RecordedPosition, deviceId: string, now: string): StopRecord {
  return touched({ ...record, position }, deviceId, now, ['position']);
}

export function setFigure<K extends keyof HouseholdFigures>(record: StopRecord, key: K, value: HouseholdFigures[K], deviceId: string, now: string): StopRecord {
  const base: HouseholdFigures = record.figures ?? { incomePerCapita: null, allInsured: null, schoolAgeAllInSchool: null, housingSafe: null, waterSafe: null };
  return touched({ ...record, figures: { ...base, [key]: value } }, deviceId, now, [`figures.${key}`]);
}

/**
 * A problem of the record as listed under 还不能标记完成: the validator's "标记为完成，但" would
 * repeat the heading, so it is left out ("第 5、6、13 项未作答").
 */
export function completeProblemText(problem: string): string {
  return problem.replace(/^标记为完成，但\s*/, '');
}
