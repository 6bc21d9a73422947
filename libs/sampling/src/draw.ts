/**
 * The draw (抽样): households per village by stratified simple random sampling with SHA-256
 * tickets, plus projects, assets, interviewees and quiz takers. Pure and deterministic: the same
 * seed, roster and settings give the same record whatever the order of the roster's rows.
 */
import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord, VillageRecord } from '@lookback/contracts';
import { frameHash } from './frame.js';
import { allocate } from './allocation.js';
import { commitment } from './commitment.js';
import { assetPools, assetPurpose, drawByTicket, drawCadres, groupCadres, projectPools, projectPurpose, townCodeResolver } from './companions.js';
import { ALGORITHM, ALGORITHM_VERSION, type DrawnHousehold, type DrawRecord, type StratumDraw, type VillageDraw } from './draw-record.js';
import { SamplingError } from './errors.js';
import { resolveSettings, type SamplingSettings, type SamplingSettingsInput } from './settings.js';
import { isLowIncome, lowIncomePercentileIncome, MUST_VISIT, randomStratumOf, STRATA, type Stratum } from './strata.js';
import { compareTicketWords, sortByTicket, TICKET_WORDS, TicketHasher, wordsToHex } from './tickets.js';
import { assertNaturalKey, compareCodePoints, normaliseSeed } from './text.js';

/** Ticket purpose of the household draw. */
export const HOUSEHOLD_PURPOSE = 'household';

export interface DrawInput {
  /** The public seed as entered or generated; normalised (NFC, trimmed) before use. */
  seed: string;
  households: readonly HouseholdRecord[];
  settings?: SamplingSettingsInput;
  /** 衔接资金 projects; omitted = no project draw (scope.projects false). */
  projects?: readonly ProjectRecord[];
  /** Project assets; omitted = no asset draw. */
  assets?: readonly AssetRecord[];
  /** Cadres; omitted = no interviewees or quiz takers. */
  cadres?: readonly CadreRecord[];
  /** Villages, for the town of each village (town-level projects); see townCodeResolver. */
  villages?: readonly VillageRecord[];
  /** False leaves the seed out of the record (before the reveal). Default true. */
  revealSeed?: boolean;
  /**
   * frameHash(households) when the caller already holds it (the API stores it with the roster
   * snapshot); hashing 240,000 households takes longer than the draw. verify always recomputes it.
   */
  snapshotHash?: string;
}

export function draw(input: DrawInput): DrawRecord {
  const seed = normaliseSeed(input.seed);
  const settings = resolveSettings(input.settings);
  const households = input.households;
  const snapshotHash = input.snapshotHash ?? frameHash(households);

  const words = new Uint32Array(households.length * TICKET_WORDS);
  const hasher = new TicketHasher(seed, HOUSEHOLD_PURPOSE);
  for (let i = 0; i < households.length; i++) {
    assertNaturalKey(households[i].householdNo, '户编号');
    hasher.ticketInto(households[i].householdNo, words, i * TICKET_WORDS);
  }
  assertUniqueKeys(households, words);

  const mustVisit = new Set(settings.mustVisit);
  if (mustVisit.size > 0) {
    const found = new Set(households.filter((h) => mustVisit.has(h.householdNo)).map((h) => h.householdNo));
    const missing = settings.mustVisit.filter((no) => !found.has(no));
    if (missing.length > 0) {
      throw new SamplingError('UNKNOWN_MUST_VISIT', `Must-visit households not on the roster: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}.`);
    }
  }

  const byVillage = new Map<string, number[]>();
  for (let i = 0; i < households.length; i++) {
    const code = households[i].villageCode;
    const list = byVillage.get(code);
    if (list) list.push(i);
    else byVillage.set(code, [i]);
  }

  const townOf = townCodeResolver(input.villages);
  const projectPool = input.projects ? projectPools(input.projects, settings.projects.year) : null;
  const assetPool = input.assets ? assetPools(input.assets) : null;
  const cadresByVillage = input.cadres ? groupCadres(input.cadres) : null;

  const villages: VillageDraw[] = [...byVillage.keys()].sort(compareCodePoints).map((villageCode) => {
    const village = drawVillage(households, byVillage.get(villageCode)!, words, settings, mustVisit);
    const cadres = cadresByVillage ? drawCadres(seed, villageCode, cadresByVillage.get(villageCode) ?? []) : { interviewees: [], quiz: [] };
    return {
      villageCode,
      ...village,
      projects: projectPool
        ? drawByTicket(seed, projectPurpose(villageCode), projectPool(villageCode, townOf(villageCode)), settings.projects.perVillage)
        : { eligible: 0, sample: [] },
      assets: assetPool ? drawByTicket(seed, assetPurpose(villageCode), assetPool(villageCode), settings.assets.perVillage) : { eligible: 0, sample: [] },
      interviewees: cadres.interviewees,
      quiz: cadres.quiz,
    };
  });

  return {
    algorithm: ALGORITHM,
    algorithmVersion: ALGORITHM_VERSION,
    snapshotHash,
    settings,
    commitment: commitment(seed, snapshotHash, settings, ALGORITHM_VERSION),
    seed: input.revealSeed === false ? null : seed,
    scope: { projects: input.projects !== undefined, assets: input.assets !== undefined, cadres: input.cadres !== undefined },
    villages,
  };
}

type HouseholdPart = Pick<VillageDraw, 'villageName' | 'townName' | 'households' | 'sampleSize' | 'lowIncomePercentileIncome' | 'strata' | 'sample'>;

function drawVillage(
  all: readonly HouseholdRecord[],
  members: readonly number[],
  words: Uint32Array,
  settings: SamplingSettings,
  mustVisit: ReadonlySet<string>,
): HouseholdPart {
  const records = members.map((i) => all[i]);
  const percentileIncome = lowIncomePercentileIncome(records, settings.lowIncome.percentile);

  const buckets = new Map<Stratum, number[]>([[MUST_VISIT, []], ...STRATA.map((s) => [s, []] as [Stratum, number[]])]);
  let named = members[0];
  for (const i of members) {
    const h = all[i];
    if (compareCodePoints(h.householdNo, all[named].householdNo) < 0) named = i;
    const stratum = mustVisit.size > 0 && mustVisit.has(h.householdNo) ? MUST_VISIT : randomStratumOf(h, isLowIncome(h, settings.lowIncome, percentileIncome));
    buckets.get(stratum)!.push(i);
  }

  const N = members.length;
  const M = buckets.get(MUST_VISIT)!.length;
  const n = Math.min(N, Math.max(settings.perVillage, M));
  // A village with no more households than n is taken whole; otherwise allocate n − M.
  const allocation =
    N <= n
      ? STRATA.map((s) => buckets.get(s)!.length)
      : allocate(
          STRATA.map((s) => ({ population: buckets.get(s)!.length, weight: settings.strata[s].weight, minimum: settings.strata[s].minimum })),
          n - M,
        );

  const strata: StratumDraw[] = [];
  const sample: DrawnHousehold[] = [];
  const order: Stratum[] = [MUST_VISIT, ...STRATA];
  order.forEach((stratum, k) => {
    const ids = buckets.get(stratum)!;
    if (ids.length === 0) return;
    const nh = k === 0 ? ids.length : allocation[k - 1];
    sortByTicket(ids, words, (i) => all[i].householdNo);
    const inclusionProbability = `${nh}/${ids.length}`;
    const probability = nh / ids.length;
    for (let j = 0; j < nh; j++) {
      const i = ids[j];
      sample.push({ householdNo: all[i].householdNo, stratum, ticket: wordsToHex(words, i * TICKET_WORDS), inclusionProbability, probability });
    }
    const reserve = ids.slice(nh, nh + settings.reservesPerStratum).map((i) => ({ householdNo: all[i].householdNo, ticket: wordsToHex(words, i * TICKET_WORDS) }));
    strata.push({ stratum, population: ids.length, sampleSize: nh, inclusionProbability, probability, reserve });
  });

  return {
    villageName: all[named].villageName,
    townName: all[named].townName,
    households: N,
    sampleSize: sample.length,
    lowIncomePercentileIncome: percentileIncome,
    strata,
    sample,
  };
}

/**
 * Equal keys give equal tickets, so duplicates are found through ticket words in an
 * open-addressing table (hashing 240,000 key strings in a Set costs as much as the draw itself),
 * and a clash is confirmed by comparing the keys.
 */
function assertUniqueKeys(households: readonly HouseholdRecord[], words: Uint32Array): void {
  let size = 1;
  while (size < households.length * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size); // household index + 1; 0 = empty
  for (let i = 0; i < households.length; i++) {
    let slot = words[i * TICKET_WORDS] & mask;
    for (;;) {
      const held = slots[slot];
      if (held === 0) {
        slots[slot] = i + 1;
        break;
      }
      if (compareTicketWords(words, held - 1, i) === 0 && households[held - 1].householdNo === households[i].householdNo) {
        throw new SamplingError('INVALID_ROSTER', `户编号 ${households[i].householdNo} appears twice.`);
      }
      slot = (slot + 1) & mask;
    }
  }
}

