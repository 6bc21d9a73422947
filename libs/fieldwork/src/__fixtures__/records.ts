/** Stop records and substitutions for the field-work scenarios. */
import type { StopRecord } from '../record.js';
import type { Substitution } from '../substitution.js';

export const PLAN_ID = 'plan-2024-06';
export const VILLAGE = '411322100201';

/** A household record on device A, half filled. */
export function householdRecord(overrides: Partial<StopRecord> = {}): StopRecord {
  return {
    clientId: '3f1c9a52-7b1e-4c1e-9d7a-2f5b8e0c6a11',
    planId: PLAN_ID,
    villageCode: VILLAGE,
    stopKind: 'household',
    stopCode: 'M1',
    templateId: 'fangcheng-household',
    templateVersion: 1,
    answers: [],
    status: 'in-progress',
    deviceId: 'device-A',
    revision: 1,
    updatedAt: '2024-06-03T09:00:00.000Z',
    ...overrides,
  };
}

/** A record marked complete for a stop. */
export function completeRecord(stopKind: StopRecord['stopKind'], stopCode: string, clientId: string): StopRecord {
  return householdRecord({ clientId, stopKind, stopCode, status: 'complete' });
}

export function substitution(overrides: Partial<Substitution> = {}): Substitution {
  return {
    clientId: '8d0e4b7c-5a2f-4e61-b3c9-0a1d2e3f4a5b',
    planId: PLAN_ID,
    villageCode: VILLAGE,
    absentHouseholdNo: 'M2',
    reason: 'absent',
    replacementHouseholdNo: 'M-R1',
    stratum: 'monitored',
    at: '2024-06-03T10:00:00.000Z',
    deviceId: 'device-A',
    ...overrides,
  };
}
