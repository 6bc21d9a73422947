import type { DayRouteDto } from '@lookback/contracts';
import { FANGCHENG_HOUSEHOLD, type StopRecord, type Substitution } from '@lookback/fieldwork';
import type { VillageDraw } from '@lookback/sampling';
import { describe, expect, it } from 'vitest';
import { fieldVillages, itemsWithReplacements } from './day-state.js';
import type { FieldPacket } from './types.js';

const t = (n: number) => n.toString(16).padStart(64, '0');
const draw: VillageDraw = {
  villageCode: '411322100201',
  villageName: '张庄村',
  townName: '券桥镇',
  households: 120,
  sampleSize: 3,
  lowIncomePercentileIncome: null,
  strata: [
    { stratum: 'monitored', population: 10, sampleSize: 2, inclusionProbability: '2/10', probability: 0.2, reserve: [{ householdNo: 'M-R1', ticket: t(101) }, { householdNo: 'M-R2', ticket: t(102) }] },
    { stratum: 'ordinary', population: 110, sampleSize: 1, inclusionProbability: '1/110', probability: 1 / 110, reserve: [{ householdNo: 'O-R1', ticket: t(201) }] },
  ],
  sample: [
    { householdNo: 'M1', stratum: 'monitored', ticket: t(1), inclusionProbability: '2/10', probability: 0.2 },
    { householdNo: 'M2', stratum: 'monitored', ticket: t(2), inclusionProbability: '2/10', probability: 0.2 },
    { householdNo: 'O1', stratum: 'ordinary', ticket: t(3), inclusionProbability: '1/110', probability: 1 / 110 },
  ],
  projects: { eligible: 0, sample: [] },
  assets: { eligible: 0, sample: [] },
  interviewees: [{ cadreNo: 'GB-01', role: '第一书记', basis: 'required' }],
  quiz: [],
};

/** Households on a line going east from the village centre, 0.01° (≈ 930 m) apart. */
const at = (k: number) => ({ lat: 33.0, lng: 113.0 + 0.01 * k });
const item = (code: string, k: number) => ({ kind: 'household' as const, code, label: `户 ${code}`, detail: '监测对象', ...at(k), approximate: false, legMeters: 0 });
const route = {
  planId: 'p',
  planName: '方案',
  commitment: 'c',
  team: { id: 'team', name: '第一督查组', startLabel: '县城', startLat: 33, startLng: 113, homeTowns: [], members: [], leaderId: null },
  visitDate: '2026-11-24',
  start: { label: '县城', lat: 33, lng: 112.9 },
  villages: [{ seq: 1, villageCode: draw.villageCode, villageName: '张庄村', townName: '券桥镇', ...at(0), legMeters: 0, items: [item('M1', 1), item('M2', 2), item('O1', 4)] }],
  totalMeters: 0,
} satisfies DayRouteDto;
const packet: FieldPacket = {
  route,
  templates: [FANGCHENG_HOUSEHOLD],
  villages: [{ villageCode: draw.villageCode, draw, quiz: [], expectedPositions: { 'M-R1': at(3) } }],
  records: [],
  substitutions: [],
  signedOff: false,
};
const sub: Substitution = { clientId: '00000000-0000-4000-8000-000000000001', planId: 'p', villageCode: draw.villageCode, absentHouseholdNo: 'M2', reason: 'absent', replacementHouseholdNo: 'M-R1', stratum: 'monitored', at: '2026-11-24T01:00:00Z', deviceId: 'phone-1' };
const complete = (code: string): StopRecord => ({
  clientId: `00000000-0000-4000-8000-0000000000${code === 'M1' ? '11' : '12'}`,
  planId: 'p',
  villageCode: draw.villageCode,
  stopKind: 'household',
  stopCode: code,
  templateId: FANGCHENG_HOUSEHOLD.id,
  templateVersion: FANGCHENG_HOUSEHOLD.version,
  answers: [],
  status: 'complete',
  deviceId: 'phone-1',
  revision: 1,
  updatedAt: '2026-11-24T01:00:00Z',
});

describe('the day on the phone', () => {
  it('fits a replacement household in where the walk grows least', () => {
    // M-R1 lies between M2 (k=2) and O1 (k=4): that is where it costs nothing extra.
    expect(itemsWithReplacements(route.villages[0], [sub], packet.villages[0].expectedPositions).map((i) => i.code)).toEqual(['M1', 'M2', 'M-R1', 'O1']);
  });

  it('puts a replacement without coordinates at the village centre, marked approximate', () => {
    const items = itemsWithReplacements(route.villages[0], [sub], {});
    const added = items.find((i) => i.code === 'M-R1')!;
    expect(added).toMatchObject({ approximate: true, lat: 33, lng: 113, replacementFor: 'M2' });
    expect(items[0].code).toBe('M-R1');
  });

  it('lists every stop the API expects, with states, and progress from villageProgress', () => {
    const [village] = fieldVillages(packet, [complete('M1'), complete('M-R1')], [sub]);
    expect(village.stops.map((s) => `${s.stopKind}:${s.stopCode}:${s.state}`)).toEqual([
      'household:M1:complete',
      'household:M2:substituted',
      'household:M-R1:complete',
      'household:O1:todo',
      'interview:GB-01:todo',
      'village:411322100201:todo',
      'documents:411322100201:todo',
    ]);
    expect(village.progress).toMatchObject({ total: 7, complete: 2, substituted: 1, done: false });
    expect(village.progress.pending).toEqual(['household:O1', 'interview:GB-01', 'village:411322100201', 'documents:411322100201']);
  });
});
