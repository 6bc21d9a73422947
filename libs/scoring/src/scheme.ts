/**
 * The scoring scheme (评分方案) as data: admins edit it, every ranking records its version and
 * fingerprint, so a published 排队 can be re-computed from the same findings and the same scheme.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '@lookback/sampling';

/** 问题类型 — the 14 policy areas findings are filed under (萧县 14 areas; 方城 附件1/2; 襄城 清单). */
export const PROBLEM_TYPES = [
  '住房安全',
  '饮水安全',
  '教育帮扶',
  '健康帮扶',
  '综合保障',
  '就业帮扶',
  '产业帮扶',
  '金融帮扶',
  '资金项目',
  '监测帮扶',
  '档卡资料',
  '信访舆情',
  '帮扶责任',
  '乡村建设',
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** 问题严重程度 */
export const SEVERITIES = ['一般', '较重', '严重'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The parts of a village's score, each out of 100 before weighting. */
export const COMPONENTS = ['households', 'projects', 'quiz', 'documents', 'interviews', 'ledger'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Labels shown beside the breakdown. */
export const COMPONENT_LABELS: Readonly<Record<Component, string>> = {
  households: '入户调查',
  projects: '项目资产核查',
  quiz: '知识测试',
  documents: '查阅资料',
  interviews: '干部访谈',
  ledger: '整改台账',
};

export interface ScoringScheme {
  /** Shown on every ranking; bump it whenever anything below changes. */
  version: string;
  /** Points out of 100 per component; they must sum to 100. */
  components: Readonly<Record<Component, number>>;
  /**
   * How a household's findings become a number y ∈ [0, 1]:
   * - 'burden': y = min(1, Σ severityWeight × problemTypeWeight) over its findings;
   * - 'indicator': y = 1 when it has any finding of positive weight (问题户), else 0.
   */
  householdMeasure: 'burden' | 'indicator';
  severityWeights: Readonly<Record<Severity, number>>;
  problemTypeWeights: Readonly<Record<ProblemType, number>>;
  /** Ledger points lost per item still open after its 完成时限. */
  overduePenaltyPerItem: number;
  /** The ledger component never drops below 100 − maxLedgerPenalty. */
  maxLedgerPenalty: number;
}

/**
 * Default weights. The 两不愁三保障 and safe-water baseline (住房、饮水、教育、健康、综合保障) is
 * what 回头看 exists to protect, so a 严重 problem there alone makes a household count as fully
 * failed (burden 1); paperwork (档卡资料) and village appearance (乡村建设) weigh least.
 */
export const DEFAULT_SCHEME: ScoringScheme = {
  version: '2024.1',
  components: { households: 50, projects: 15, quiz: 10, documents: 10, interviews: 5, ledger: 10 },
  householdMeasure: 'burden',
  severityWeights: { 一般: 0.2, 较重: 0.5, 严重: 1 },
  problemTypeWeights: {
    住房安全: 1,
    饮水安全: 1,
    教育帮扶: 1,
    健康帮扶: 1,
    综合保障: 1,
    监测帮扶: 0.9,
    就业帮扶: 0.8,
    产业帮扶: 0.7,
    资金项目: 0.7,
    帮扶责任: 0.7,
    金融帮扶: 0.6,
    信访舆情: 0.6,
    档卡资料: 0.5,
    乡村建设: 0.4,
  },
  overduePenaltyPerItem: 10,
  maxLedgerPenalty: 50,
};

/** Everything wrong with a scheme, in plain words; empty when it can be used. */
export function validateScheme(s: ScoringScheme): string[] {
  const problems: string[] = [];
  if (typeof s.version !== 'string' || s.version.trim() === '') problems.push('version must be a non-empty string');
  let sum = 0;
  for (const c of COMPONENTS) {
    const w = s.components?.[c];
    if (!isNonNegative(w)) problems.push(`components.${c} must be a finite number ≥ 0`);
    else sum += w;
  }
  for (const key of Object.keys(s.components ?? {})) {
    if (!(COMPONENTS as readonly string[]).includes(key)) problems.push(`components.${key} is not a component`);
  }
  if (Math.abs(sum - 100) > 1e-9) problems.push(`component weights sum to ${sum}, not 100`);
  if (s.householdMeasure !== 'burden' && s.householdMeasure !== 'indicator') {
    problems.push(`householdMeasure must be 'burden' or 'indicator'`);
  }
  for (const v of SEVERITIES) {
    if (!isNonNegative(s.severityWeights?.[v])) problems.push(`severityWeights.${v} must be a finite number ≥ 0`);
  }
  for (const t of PROBLEM_TYPES) {
    if (!isNonNegative(s.problemTypeWeights?.[t])) problems.push(`problemTypeWeights.${t} must be a finite number ≥ 0`);
  }
  for (const key of Object.keys(s.problemTypeWeights ?? {})) {
    if (!(PROBLEM_TYPES as readonly string[]).includes(key)) problems.push(`problemTypeWeights.${key} is not a problem type`);
  }
  if (!isNonNegative(s.overduePenaltyPerItem)) problems.push('overduePenaltyPerItem must be a finite number ≥ 0');
  if (!isNonNegative(s.maxLedgerPenalty) || s.maxLedgerPenalty > 100) problems.push('maxLedgerPenalty must be between 0 and 100');
  return problems;
}

/** SHA-256 (hex) of the scheme's canonical JSON: two rankings used the same scheme iff these match. */
export function schemeFingerprint(s: ScoringScheme): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(s))));
}

function isNonNegative(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}
