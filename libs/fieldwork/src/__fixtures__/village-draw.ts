/**
 * A small village draw: 3 monitored + 2 ordinary households drawn, reserves in ticket order,
 * one project, one asset, two interviewees. Tickets are placeholders: nothing here re-derives them.
 */
import type { VillageDraw } from '@lookback/sampling';

const t = (n: number): string => n.toString(16).padStart(64, '0');

export const VILLAGE_DRAW: VillageDraw = {
  villageCode: '411322100201',
  villageName: '张庄村',
  townName: '券桥镇',
  households: 120,
  sampleSize: 5,
  lowIncomePercentileIncome: null,
  strata: [
    {
      stratum: 'monitored',
      population: 10,
      sampleSize: 3,
      inclusionProbability: '3/10',
      probability: 0.3,
      reserve: [
        { householdNo: 'M-R1', ticket: t(101) },
        { householdNo: 'M-R2', ticket: t(102) },
      ],
    },
    {
      stratum: 'ordinary',
      population: 110,
      sampleSize: 2,
      inclusionProbability: '2/110',
      probability: 2 / 110,
      reserve: [
        { householdNo: 'O-R1', ticket: t(201) },
        { householdNo: 'O-R2', ticket: t(202) },
        { householdNo: 'O-R3', ticket: t(203) },
      ],
    },
  ],
  sample: [
    { householdNo: 'M1', stratum: 'monitored', ticket: t(1), inclusionProbability: '3/10', probability: 0.3 },
    { householdNo: 'M2', stratum: 'monitored', ticket: t(2), inclusionProbability: '3/10', probability: 0.3 },
    { householdNo: 'M3', stratum: 'monitored', ticket: t(3), inclusionProbability: '3/10', probability: 0.3 },
    { householdNo: 'O1', stratum: 'ordinary', ticket: t(4), inclusionProbability: '2/110', probability: 2 / 110 },
    { householdNo: 'O2', stratum: 'ordinary', ticket: t(5), inclusionProbability: '2/110', probability: 2 / 110 },
  ],
  projects: { eligible: 4, sample: [{ code: 'XM2023-07', ticket: t(301), inclusionProbability: '1/4', probability: 0.25 }] },
  assets: { eligible: 3, sample: [{ code: 'ZC-0012', ticket: t(401), inclusionProbability: '1/3', probability: 1 / 3 }] },
  interviewees: [
    { cadreNo: 'GB-01', role: '第一书记', basis: 'required' },
    { cadreNo: 'GB-07', role: '网格员', basis: 'drawn' },
  ],
  quiz: [],
};
