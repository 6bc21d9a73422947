/**
 * A village's score (村级得分) out of 100 and how it was made.
 *
 * Component values, each 0–100:
 *   households  100 × (1 − B̂), B̂ the stratified HT mean household burden (household-estimate.ts)
 *   projects    100 × passed / checked, over the drawn projects and assets (项目资产核查)
 *   quiz        mean of the percents of the village's cadres who took the quiz (知识测试)
 *   documents   100 × passed / checked items of 查阅资料
 *   interviews  100 × passed / checked items of 干部访谈
 *   ledger      100 − min(maxLedgerPenalty, overdue × overduePenaltyPerItem); an item is overdue
 *               when it is still open (no 整改完成 date) and its 完成时限 is before the ledger's asOf
 *
 * score = Σ_c w'_c · value_c / 100 with w'_c = 100 · w_c / Σ_{present} w, so when a component is
 * missing (no projects drawn, no quiz given, no visits) its points are shared among the present
 * ones in proportion to their weights, and the breakdown says so.
 *
 * The 90% interval moves only the household term through its interval:
 *   [score − w'_h(B̂_hi − B̂), score + w'_h(B̂ − B̂_lo)]
 * The other components are censuses of what was checked, so they carry no sampling error.
 */
import { ScoringError } from './errors.js';
import { estimateHouseholds } from './household-estimate.js';
import { COMPONENT_LABELS, COMPONENTS, validateScheme, type Component, type ScoringScheme } from './scheme.js';
import type { BreakdownLine, Check, HouseholdEstimate, LedgerItem, VillageInspection, VillageScore } from './types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Measured {
  value: number | null;
  interval?: [number, number];
  note?: string;
}

export function scoreVillage(input: VillageInspection, scheme: ScoringScheme): VillageScore {
  assertValidScheme(scheme);
  return scoreValidated(input, scheme);
}

/** For callers that validated the scheme once for many villages. */
export function scoreValidated(input: VillageInspection, scheme: ScoringScheme): VillageScore {
  if (!(Number.isInteger(input.households) && input.households > 0)) {
    throw new ScoringError('INVALID_INSPECTION', `Village ${input.villageCode} has ${input.households} households.`);
  }
  let householdEstimate: HouseholdEstimate | null = null;
  const measured: Record<Component, Measured> = {
    households: { value: null, note: '未入户: no household visited' },
    projects: passRate(input.projects, '未核查项目资产: no project or asset checked'),
    quiz: quizMean(input),
    documents: passRate(input.documents, '未查阅资料: no document reviewed'),
    interviews: passRate(input.interviews, '未访谈: no interview item recorded'),
    ledger: ledgerValue(input, scheme),
  };
  if (input.visits.length > 0) {
    householdEstimate = estimateHouseholds(input.villageCode, input.households, input.strata, input.visits, scheme);
    const [lo, hi] = householdEstimate.interval;
    measured.households = {
      value: 100 * (1 - householdEstimate.meanBurden),
      interval: [100 * (1 - hi), 100 * (1 - lo)],
      note: `${householdEstimate.visited} households visited, ${householdEstimate.householdsWithFindings} with findings; 90% interval from the stratified estimate`,
    };
  }

  let present = 0;
  const missing: Component[] = [];
  for (const c of COMPONENTS) {
    if (measured[c].value === null) missing.push(c);
    else present += scheme.components[c];
  }
  if (present <= 0) {
    throw new ScoringError('INVALID_INSPECTION', `Village ${input.villageCode} has no weighted component to score.`);
  }
  const reweighted = missing.length > 0 ? `re-weighted over present components (missing: ${missing.map((c) => COMPONENT_LABELS[c]).join('、')})` : '';

  let score = 0;
  let down = 0;
  let up = 0;
  const breakdown: BreakdownLine[] = [];
  for (const c of COMPONENTS) {
    const m = measured[c];
    const weight = scheme.components[c];
    if (m.value === null) {
      breakdown.push({ component: c, weight, effectiveWeight: 0, value: null, contribution: 0, note: `${m.note}; its ${weight} points shared among the others` });
      continue;
    }
    const effectiveWeight = (100 * weight) / present;
    const contribution = (effectiveWeight * m.value) / 100;
    score += contribution;
    const line: BreakdownLine = { component: c, weight, effectiveWeight, value: m.value, contribution };
    if (m.interval) {
      line.interval = m.interval;
      down += (effectiveWeight * (m.value - m.interval[0])) / 100;
      up += (effectiveWeight * (m.interval[1] - m.value)) / 100;
    }
    const notes = [m.note, reweighted].filter((n) => n);
    if (notes.length > 0) line.note = notes.join('; ');
    breakdown.push(line);
  }
  return {
    villageCode: input.villageCode,
    townCode: input.townCode,
    households: input.households,
    score,
    interval: [Math.max(0, score - down), Math.min(100, score + up)],
    breakdown,
    householdEstimate,
    schemeVersion: scheme.version,
  };
}

export function assertValidScheme(scheme: ScoringScheme): void {
  const problems = validateScheme(scheme);
  if (problems.length > 0) throw new ScoringError('INVALID_SCHEME', `Scoring scheme ${String(scheme.version)}: ${problems.join('; ')}.`);
}

/** 整改台账 item still open after its 完成时限 on the given day (YYYY-MM-DD). */
export function isOverdue(item: LedgerItem, asOf: string): boolean {
  return item.completedOn === null && item.deadline !== null && item.deadline < asOf;
}

function passRate(checks: readonly Check[] | undefined, missingNote: string): Measured {
  if (!checks || checks.length === 0) return { value: null, note: missingNote };
  let passed = 0;
  for (const c of checks) if (c.passed) passed += 1;
  return { value: (100 * passed) / checks.length, note: `${passed} of ${checks.length} passed` };
}

function quizMean(input: VillageInspection): Measured {
  const quiz = input.quiz;
  if (!quiz || quiz.length === 0) return { value: null, note: '未测试: no cadre took the quiz' };
  let sum = 0;
  for (const q of quiz) {
    if (!(Number.isFinite(q.percent) && q.percent >= 0 && q.percent <= 100)) {
      throw new ScoringError('INVALID_INSPECTION', `Quiz percent ${q.percent} of cadre ${q.cadreNo} in village ${input.villageCode} is not within 0–100.`);
    }
    sum += q.percent;
  }
  return { value: sum / quiz.length, note: `mean of ${quiz.length} cadres` };
}

function ledgerValue(input: VillageInspection, scheme: ScoringScheme): Measured {
  const ledger = input.ledger;
  if (!ledger) return { value: null, note: '无台账数据: no ledger given' };
  if (!ISO_DATE.test(ledger.asOf)) throw new ScoringError('INVALID_INSPECTION', `Ledger date ${ledger.asOf} of village ${input.villageCode} is not YYYY-MM-DD.`);
  let overdue = 0;
  for (const item of ledger.items) {
    for (const d of [item.deadline, item.completedOn]) {
      if (d !== null && !ISO_DATE.test(d)) throw new ScoringError('INVALID_INSPECTION', `Ledger item ${item.id} of village ${input.villageCode} has date ${d}, not YYYY-MM-DD.`);
    }
    if (isOverdue(item, ledger.asOf)) overdue += 1;
  }
  const penalty = Math.min(scheme.maxLedgerPenalty, overdue * scheme.overduePenaltyPerItem);
  return {
    value: 100 - penalty,
    note: `${overdue} of ${ledger.items.length} items overdue on ${ledger.asOf}: −${penalty} (${scheme.overduePenaltyPerItem} each, at most ${scheme.maxLedgerPenalty})`,
  };
}
