/**
 * 督查报告 — the inspection report of a plan, in the structure the source documents ask for
 * (蒿沟镇方案 三(三)): 基本情况, 典型经验, 存在的主要问题及困难, 意见建议. Computed from the plan's
 * records each time it is read; only the 意见建议 are stored, once the planner edits them.
 */

export interface ReportTeamDto {
  name: string;
  members: string[];
  villages: number;
  days: number;
}

/** 基本情况 */
export interface ReportBasicsDto {
  countyName: string;
  towns: { code: string; name: string }[];
  villages: { code: string; name: string; townName: string }[];
  households: {
    /** Drawn (抽中) households. */
    drawn: number;
    /** Households visited and recorded complete (drawn or reserve). */
    visited: number;
    /** Drawn households replaced by a reserve (不在家/已搬迁/拒绝). */
    substituted: number;
    /** Visited households in the priority strata (监测对象, 低保/特困, …, 必访户). */
    priority: number;
  };
  projects: number;
  assets: number;
  interviews: { planned: number; done: number };
  quiz: { takers: number; meanPercent: number | null; below60: number };
  /** First and last visit day (YYYY-MM-DD), and how many days. */
  visitDates: { first: string | null; last: string | null; days: number };
  teams: ReportTeamDto[];
  /** 四不两直 and the methods used (查阅资料、干部访谈、知识测试、入户调查、项目核查). */
  method: string;
  draw: { algorithm: string; commitment: string; rosterHash: string; seed: string | null; sealedAt: string | null; revealedAt: string | null };
  findings: number;
  /** Stops with at least one finding, by kind (household, project, …). */
  stopsWithFindings: number;
}

/** 典型经验: one of the top-scoring villages and what it did well. */
export interface ReportExperienceDto {
  rank: number;
  villageCode: string;
  villageName: string;
  townName: string;
  score: number;
  interval: [number, number];
  strengths: string[];
}

export interface ReportProblemExampleDto {
  villageName: string;
  townName: string;
  /** Who or what, with personal names masked (张*). */
  subject: string;
  description: string;
  severity: string;
}

/** 存在的主要问题: one problem type with its count and a few masked examples. */
export interface ReportProblemDto {
  problemType: string;
  count: number;
  villages: number;
  bySeverity: Record<string, number>;
  examples: ReportProblemExampleDto[];
}

export interface ReportSuggestionDto {
  /** The problem type it answers, or null for a general suggestion. */
  problemType: string | null;
  text: string;
}

export interface PlanReportDto {
  planId: string;
  planName: string;
  status: string;
  /** true while the plan is not completed: the numbers may still change. */
  draft: boolean;
  basics: ReportBasicsDto;
  experiences: ReportExperienceDto[];
  /** The scoring scheme used for 典型经验, and how many villages could be scored. */
  scoring: { schemeVersion: string; villages: number; note: string };
  problems: ReportProblemDto[];
  suggestions: ReportSuggestionDto[];
  /** Set once the planner saved edited 意见建议. */
  suggestionsEdited: { by: string; at: string } | null;
  /** The generated 意见建议, to restore after editing. */
  generatedSuggestions: ReportSuggestionDto[];
}

/** PUT /api/plans/:id/report/suggestions */
export interface ReportSuggestionsInput {
  /** Paragraphs in order; an empty list restores the generated ones. */
  suggestions: ReportSuggestionDto[];
}

/** 2026-10-25 → 2026年10月25日 */
export const chineseDate = (iso: string | null): string => (iso ? `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '—');

/** The 基本情况 paragraphs, shared by the web page and the .docx so both say the same. */
export function reportParagraphTexts(report: PlanReportDto): { scope: string; sampling: string } {
  const b = report.basics;
  const teams = b.teams.map((t) => t.name).join('、');
  const scope =
    `${chineseDate(b.visitDates.first)}至${chineseDate(b.visitDates.last)}，${teams || `${b.teams.length} 个督查组`}用 ${b.visitDates.days} 天，` +
    `对${b.countyName} ${b.towns.length} 个乡镇（${b.towns.map((t) => t.name).join('、')}）的 ${b.villages.length} 个行政村开展督查。` +
    `共抽取农户 ${b.households.drawn} 户，实际入户调查 ${b.households.visited} 户（其中监测对象、低保特困、大病重病、独居老人等重点户 ${b.households.priority} 户），` +
    `因不在家、搬迁或拒绝调查按抽样顺序替换 ${b.households.substituted} 户；核查衔接资金项目 ${b.projects} 个、项目资产 ${b.assets} 个；` +
    `访谈村干部 ${b.interviews.done} 人（应访谈 ${b.interviews.planned} 人），现场知识测试 ${b.quiz.takers} 人` +
    (b.quiz.meanPercent !== null ? `，平均 ${b.quiz.meanPercent} 分，${b.quiz.below60} 人不及格` : '') +
    `。共发现问题 ${b.findings} 个，涉及 ${b.stopsWithFindings} 个核查对象。`;
  const sampling =
    `抽查村、农户、项目资产和访谈对象由系统按公开算法（${b.draw.algorithm}）以随机种子抽取，抽样结果在走访前以承诺值封存` +
    `（SHA-256：${b.draw.commitment}），走访结束后公开种子${b.draw.seed ? `（${b.draw.seed}）` : ''}，任何人可用抽样记录和名单复核抽样结果。`;
  return { scope, sampling };
}
