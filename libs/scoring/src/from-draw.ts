/** Glue from a draw record (@lookback/sampling) and the findings of its visits to scoring input. */
import type { VillageDraw } from '@lookback/sampling';
import { ScoringError } from './errors.js';
import type { Finding, VillageInspection } from './types.js';

/**
 * The strata and visits of a village from its draw. Each visited household takes the stratum it
 * was drawn in; a reserve (替补户) that replaced an absent household takes its reserve list's stratum.
 */
export function visitsFromDraw(
  village: VillageDraw,
  findingsByHousehold: ReadonlyMap<string, readonly Finding[]> | Readonly<Record<string, readonly Finding[]>>,
): Pick<VillageInspection, 'villageCode' | 'households' | 'strata' | 'visits'> {
  const stratumOf = new Map<string, string>();
  for (const s of village.sample) stratumOf.set(s.householdNo, s.stratum);
  for (const s of village.strata) for (const r of s.reserve) stratumOf.set(r.householdNo, s.stratum);
  const entries: [string, readonly Finding[]][] =
    findingsByHousehold instanceof Map ? [...findingsByHousehold.entries()] : Object.entries(findingsByHousehold);
  const visits = entries.map(([householdNo, findings]) => {
    const stratum = stratumOf.get(householdNo);
    if (stratum === undefined) {
      throw new ScoringError('INVALID_INSPECTION', `户编号 ${householdNo} was neither drawn nor a listed reserve in village ${village.villageCode}.`);
    }
    return { householdNo, stratum, findings };
  });
  return {
    villageCode: village.villageCode,
    households: village.households,
    strata: village.strata.map((s) => ({ stratum: s.stratum, population: s.population })),
    visits,
  };
}
