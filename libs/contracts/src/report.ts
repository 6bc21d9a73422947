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
