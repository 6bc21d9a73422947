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
import { isLowIncome, MUST_VISIT, nearestRankIncome, randomStratumIndex, STRATA, type Stratum } from './strata.js';
import { compareTicketWords, firstByTicket, TICKET_WORDS, TicketHasher, wordsToHex } from './tickets.js';
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
      const listed = `${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}`;
      throw new SamplingError(
        'UNKNOWN_MUST_VISIT',
        `Must-visit households not among the households drawn from: ${listed}.`,
        `这些必访户不在所选村的农户名单中：${listed.replaceAll(', ', '、')}（请确认户编号，以及其所在村已选入方案）`,
      );
    }
  }

  // Households grouped by village without a JS array per village: a counting sort of the
  // indices into one Int32Array, each village a view on its run (roster order within it).
  const villageIndex = new Map<string, number>();
  const villageOf = new Int32Array(households.length);
  const counts: number[] = [];
  for (let i = 0; i < households.length; i++) {
    const code = households[i].villageCode;
    let v = villageIndex.get(code);
    if (v === undefined) {
      v = counts.length;
      villageIndex.set(code, v);
      counts.push(0);
    }
    villageOf[i] = v;
    counts[v]++;
  }
  const starts = new Int32Array(counts.length + 1);
  for (let v = 0; v < counts.length; v++) starts[v + 1] = starts[v] + counts[v];
  const grouped = new Int32Array(households.length);
  const next = starts.slice(0, counts.length);
  for (let i = 0; i < households.length; i++) grouped[next[villageOf[i]]++] = i;
  const membersOf = (code: string) => {
    const v = villageIndex.get(code)!;
    return grouped.subarray(starts[v], starts[v + 1]);
  };

  const townOf = townCodeResolver(input.villages);
  const projectPool = input.projects ? projectPools(input.projects, settings.projects.year) : null;
  const assetPool = input.assets ? assetPools(input.assets) : null;
  const cadresByVillage = input.cadres ? groupCadres(input.cadres) : null;

  const villages: VillageDraw[] = [...villageIndex.keys()].sort(compareCodePoints).map((villageCode) => {
    const village = drawVillage(households, membersOf(villageCode), words, settings, mustVisit);
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

/** Scratch for drawVillage (synchronous, never re-entered): 脱贫户 incomes and member strata. */
let incomes = new Float64Array(1024);
let strataOf = new Uint8Array(1024);

type HouseholdPart = Pick<VillageDraw, 'villageName' | 'townName' | 'households' | 'sampleSize' | 'lowIncomePercentileIncome' | 'strata' | 'sample'>;

function drawVillage(
  all: readonly HouseholdRecord[],
  members: Int32Array,
  words: Uint32Array,
  settings: SamplingSettings,
  mustVisit: ReadonlySet<string>,
): HouseholdPart {
  const N = members.length;
  if (incomes.length < N) incomes = new Float64Array(N * 2);
  let poor = 0;
  for (let j = 0; j < N; j++) {
    const h = all[members[j]];
    if (h.householdType === '脱贫户') incomes[poor++] = h.incomePerCapita;
  }
  const percentileIncome = nearestRankIncome(incomes.subarray(0, poor).sort(), settings.lowIncome.percentile);

  // The stratum of each member (0 = must-visit, k = the k-th of STRATA), then one run per stratum.
  if (strataOf.length < N) strataOf = new Uint8Array(N * 2);
  const sizes = new Int32Array(STRATA.length + 1);
  let named = members[0];
  for (let j = 0; j < N; j++) {
    const h = all[members[j]];
    if (compareCodePoints(h.householdNo, all[named].householdNo) < 0) named = members[j];
    const k = mustVisit.size > 0 && mustVisit.has(h.householdNo) ? 0 : 1 + randomStratumIndex(h, isLowIncome(h, settings.lowIncome, percentileIncome));
    strataOf[j] = k;
    sizes[k]++;
  }
  const buckets: number[][] = Array.from(sizes, (size) => new Array<number>(size));
  const filled = new Int32Array(sizes.length);
  for (let j = 0; j < N; j++) {
    const k = strataOf[j];
    buckets[k][filled[k]++] = members[j];
  }

  const M = buckets[0].length;
  const n = Math.min(N, Math.max(settings.perVillage, M));
  // A village with no more households than n is taken whole; otherwise allocate n − M.
  const allocation =
    N <= n
      ? STRATA.map((_, k) => buckets[k + 1].length)
      : allocate(
          STRATA.map((s, k) => ({ population: buckets[k + 1].length, weight: settings.strata[s].weight, minimum: settings.strata[s].minimum })),
          n - M,
        );

  const strata: StratumDraw[] = [];
  const sample: DrawnHousehold[] = [];
  const order: Stratum[] = [MUST_VISIT, ...STRATA];
  order.forEach((stratum, k) => {
    const ids = buckets[k];
    if (ids.length === 0) return;
    const nh = k === 0 ? ids.length : allocation[k - 1];
    // Only the sample and its reserves are published: the rest of the stratum needs no order.
    const first = firstByTicket(ids, words, (i) => all[i].householdNo, nh + settings.reservesPerStratum);
    const inclusionProbability = `${nh}/${ids.length}`;
    const probability = nh / ids.length;
    for (let j = 0; j < nh; j++) {
      const i = first[j];
      sample.push({ householdNo: all[i].householdNo, stratum, ticket: wordsToHex(words, i * TICKET_WORDS), inclusionProbability, probability });
    }
    const reserve = first.slice(nh).map((i) => ({ householdNo: all[i].householdNo, ticket: wordsToHex(words, i * TICKET_WORDS) }));
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
        throw new SamplingError('INVALID_ROSTER', `户编号 ${households[i].householdNo} appears twice.`, `户编号 ${households[i].householdNo} 在名单中出现了两次`);
      }
      slot = (slot + 1) & mask;
    }
  }
}

