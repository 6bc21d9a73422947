import { randomUUID } from 'node:crypto';
import { type ChecklistTemplate, FANGCHENG_HOUSEHOLD, type StopRecord } from '@lookback/fieldwork';

/**
 * A complete household record without problems, as a phone sends it: a new client id, every item
 * answered the "no problem" way at `at`, and a position beside the household.
 */
export function completeHouseholdRecord(stop: {
  planId: string;
  villageCode: string;
  householdNo: string;
  deviceId: string;
  template?: ChecklistTemplate;
  revision?: number;
  at?: string;
  accuracy?: number;
}): StopRecord {
  const template = stop.template ?? FANGCHENG_HOUSEHOLD;
  const at = stop.at ?? '2026-11-24T01:30:00.000Z';
  return {
    clientId: randomUUID(),
    planId: stop.planId,
    villageCode: stop.villageCode,
    stopKind: 'household',
    stopCode: stop.householdNo,
    templateId: template.id,
    templateVersion: template.version,
    answers: template.items.map((item) => ({ itemId: item.id, value: item.problemWhen === 'no' ? 'yes' : 'no', answeredAt: at })),
    status: 'complete',
    deviceId: stop.deviceId,
    revision: stop.revision ?? 1,
    updatedAt: at,
    position: { lat: 33.3, lng: 113.0, accuracy: stop.accuracy ?? 12, at },
  };
}
