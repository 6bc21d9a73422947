/**
 * 替补 — when a drawn household is absent, has moved or refuses, the inspector records why and
 * takes the next reserve (替补户) of the SAME stratum, in the draw's order. Skipping a reserve or
 * crossing strata would bias the sample, so validateSubstitution refuses both.
 */
import { STRATUM_LABELS, type ReserveHousehold, type Stratum, type VillageDraw } from '@lookback/sampling';
import { isIsoTimestamp, isUuid } from './checks.js';
import { STOP_STATUS_LABELS, UNVISITED_STATUSES, type UnvisitedStatus } from './record.js';

export interface Substitution {
  /** UUID generated on the device; stored once however often it is sent. */
  clientId: string;
  planId: string;
  /** 村代码 */
  villageCode: string;
  /** The drawn household (or an earlier replacement) that could not be visited. */
  absentHouseholdNo: string;
  reason: UnvisitedStatus;
  /** The reserve taken in its place. */
  replacementHouseholdNo: string;
  /** The absent household's stratum; the replacement comes from the same one. */
  stratum: Stratum;
  /** ISO time. */
  at: string;
  deviceId: string;
}

/** The first reserve of `stratum` not yet taken, in the draw's order; null when none is left. */
export function nextReserve(villageDraw: VillageDraw, stratum: Stratum, alreadyTaken: readonly string[]): ReserveHousehold | null {
  const taken = new Set(alreadyTaken);
  const stratumDraw = villageDraw.strata.find((s) => s.stratum === stratum);
  return stratumDraw?.reserve.find((r) => !taken.has(r.householdNo)) ?? null;
}

/** The stratum a household was drawn in, or whose reserve list it is on; null if the draw lacks it. */
export function stratumOfHousehold(villageDraw: VillageDraw, householdNo: string): Stratum | null {
  const drawn = villageDraw.sample.find((h) => h.householdNo === householdNo);
  if (drawn) return drawn.stratum;
  return villageDraw.strata.find((s) => s.reserve.some((r) => r.householdNo === householdNo))?.stratum ?? null;
}

/**
 * Everything wrong with a substitution, in Chinese; empty when valid. `previousSubstitutions` are
 * those already stored (any village or plan: only this plan's village counts); one with the same
 * clientId is ignored, so the API should answer a replay from storage before validating.
 */
export function validateSubstitution(sub: Substitution, villageDraw: VillageDraw, previousSubstitutions: readonly Substitution[]): string[] {
  const problems: string[] = [];
  if (!isUuid(sub.clientId)) problems.push('替换记录编号（clientId）应为设备生成的 UUID');
  if (!sub.deviceId) problems.push('缺少设备编号');
  if (!isIsoTimestamp(sub.at)) problems.push('替换时间应为带时区的 ISO 时间');
  if (!(UNVISITED_STATUSES as readonly string[]).includes(sub.reason)) {
    problems.push(`须填写替换原因：${UNVISITED_STATUSES.map((s) => STOP_STATUS_LABELS[s]).join('、')}之一`);
  }
  if (sub.villageCode !== villageDraw.villageCode) {
    problems.push(`替换记录属于村 ${sub.villageCode}，抽样记录是村 ${villageDraw.villageCode}`);
    return problems;
  }
  const prior = previousSubstitutions.filter(
    (p) => p.planId === sub.planId && p.villageCode === sub.villageCode && p.clientId !== sub.clientId,
  );
  const replacements = new Set(prior.map((p) => p.replacementHouseholdNo));
  const inSample = villageDraw.sample.some((h) => h.householdNo === sub.absentHouseholdNo);
  if (!inSample && !replacements.has(sub.absentHouseholdNo)) {
    problems.push(`户 ${sub.absentHouseholdNo} 既不是抽中户，也不是已启用的替补户`);
    return problems;
  }
  if (prior.some((p) => p.absentHouseholdNo === sub.absentHouseholdNo)) {
    problems.push(`户 ${sub.absentHouseholdNo} 已经被替换过`);
    return problems;
  }
  const stratum = stratumOfHousehold(villageDraw, sub.absentHouseholdNo)!;
  if (sub.stratum !== stratum) {
    problems.push(`户 ${sub.absentHouseholdNo} 属于“${STRATUM_LABELS[stratum]}”层，不是“${STRATUM_LABELS[sub.stratum] ?? sub.stratum}”层`);
  }
  const expected = nextReserve(villageDraw, stratum, [...replacements]);
  if (expected === null) {
    problems.push(`“${STRATUM_LABELS[stratum]}”层的替补户已用完，不能替换`);
  } else if (expected.householdNo !== sub.replacementHouseholdNo) {
    problems.push(
      `应按抽样顺序由“${STRATUM_LABELS[stratum]}”层的下一个替补户 ${expected.householdNo} 替换，而不是 ${sub.replacementHouseholdNo}`,
    );
  }
  return problems;
}

/** One line for the planner's substitution log, e.g. "户 H001（监测对象）不在家，由替补户 H105 替换". */
export function describeSubstitution(sub: Substitution): string {
  const reason = STOP_STATUS_LABELS[sub.reason] ?? sub.reason;
  return `户 ${sub.absentHouseholdNo}（${STRATUM_LABELS[sub.stratum] ?? sub.stratum}）${reason}，由替补户 ${sub.replacementHouseholdNo} 替换`;
}
