/**
 * Builds the 督查报告 of a plan from what was recorded: pure, so the numbers can be checked
 * against the records they come from. Scores for 典型经验 use @lookback/scoring directly
 * (inspectionFromFieldData → scoreRound) over this plan's villages, without the ledger: the report
 * describes the round as it was found.
 */
import { maskName, type PlanReportDto, type ReportBasicsDto, type ReportExperienceDto, type ReportProblemDto, type ReportProblemExampleDto, type ReportSuggestionDto } from '@lookback/contracts';
import type { StopRecord, Substitution } from '@lookback/fieldwork';
import type { QuizResult } from '@lookback/quiz';
import type { RosterInput } from '@lookback/roster';
import { STRATUM_LABELS, type DrawRecord, type Stratum } from '@lookback/sampling';
import { COMPONENT_LABELS, inspectionFromFieldData, PROBLEM_TYPES, scoreRound, SEVERITIES, type ScoringScheme, type VillageInspection, type VillageScore } from '@lookback/scoring';
import { GENERAL_SUGGESTIONS, SUGGESTED_TYPES, SUGGESTION_TEXTS } from './suggestion-texts.js';

export interface ReportInput {
  plan: {
    id: string;
    name: string;
    status: string;
    commitment: string;
    /** Only once revealed. */
    seed: string | null;
    sealedAt: Date | null;
    revealedAt: Date | null;
    completedAt: Date | null;
    drawRecord: DrawRecord;
  };
  countyName: string;
  roster: RosterInput;
  records: readonly StopRecord[];
  substitutions: readonly Substitution[];
  quizzes: readonly { cadreNo: string; villageCode: string; result: QuizResult }[];
  teams: readonly { id: string; name: string; members: { displayName: string }[] }[];
  visits: readonly { villageCode: string; teamId: string; visitDate: string }[];
  stored: { suggestions: ReportSuggestionDto[]; by: string; at: Date } | null;
  scheme: ScoringScheme;
  /** YYYY-MM-DD: the day the scores are taken (the completion day, or today for a draft). */
  asOf: string;
}

const PRIORITY_STRATA = new Set<Stratum>(['must-visit', 'monitored', 'dibao-tekun', 'illness-disability', 'elderly-alone', 'low-income']);
// 严重 first: SEVERITIES runs from the least (一般) to the most serious.
const SEVERITY_ORDER = new Map(SEVERITIES.map((s, i) => [s, i + 1]));
/** How many villages 典型经验 names. */
const TOP_VILLAGES = 3;
const EXAMPLES_PER_TYPE = 3;

export const METHOD_TEXT =
  '采取“四不两直”（不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场）方式，综合运用查阅资料、干部访谈、知识测试、入户调查、项目核查等方法开展督查。';

interface Found {
  villageCode: string;
  stopKind: string;
  stopCode: string;
  itemId: string;
  problemType: string;
  severity: string;
  description: string;
}

/** The latest record of each stop (two phones may have written one stop), ordered by stop. */
function latestPerStop(records: readonly StopRecord[]): StopRecord[] {
  const byStop = new Map<string, StopRecord>();
  for (const r of records) {
    const key = `${r.villageCode}|${r.stopKind}|${r.stopCode}`;
    const seen = byStop.get(key);
    if (!seen || (r.status === 'complete' && seen.status !== 'complete') || (r.status === seen.status && r.updatedAt > seen.updatedAt)) byStop.set(key, r);
  }
  return [...byStop.values()].sort((a, b) => `${a.villageCode}|${a.stopKind}|${a.stopCode}`.localeCompare(`${b.villageCode}|${b.stopKind}|${b.stopCode}`));
}

export function generatedSuggestions(problems: readonly { problemType: string; count: number }[]): ReportSuggestionDto[] {
  const top = problems.filter((p) => p.count > 0 && p.problemType in SUGGESTION_TEXTS).slice(0, SUGGESTED_TYPES);
  return [
    ...top.map((p) => ({ problemType: p.problemType, text: SUGGESTION_TEXTS[p.problemType as keyof typeof SUGGESTION_TEXTS] })),
    ...GENERAL_SUGGESTIONS.map((text) => ({ problemType: null, text })),
  ];
}

export function buildReport(input: ReportInput): PlanReportDto {
  const { plan, roster } = input;
  const draw = plan.drawRecord;
  const villageRows = new Map(roster.villages.map((v) => [v.code, v]));
  const householdIndex = new Map(roster.households.map((h) => [h.householdNo, h]));
  const projectIndex = new Map(roster.projects.map((p) => [p.projectCode, p]));
  const assetIndex = new Map(roster.assets.map((a) => [a.assetCode, a]));
  const cadreIndex = new Map(roster.cadres.map((c) => [c.cadreNo, c]));
  const villageDraws = new Map(draw.villages.map((v) => [v.villageCode, v]));
  const inPlan = new Set(draw.villages.map((v) => v.villageCode));
  const records = latestPerStop(input.records.filter((r) => inPlan.has(r.villageCode)));
  const complete = records.filter((r) => r.status === 'complete');

  // Which stratum each visited household stands for (a reserve stands for the stratum it replaced).
  const stratumOf = new Map<string, Stratum>();
  for (const v of draw.villages) {
    for (const s of v.strata) for (const r of s.reserve) stratumOf.set(r.householdNo, s.stratum);
    for (const h of v.sample) stratumOf.set(h.householdNo, h.stratum);
  }
  for (const s of input.substitutions) stratumOf.set(s.replacementHouseholdNo, s.stratum as Stratum);

  // ---- 基本情况
  const visitedHouseholds = complete.filter((r) => r.stopKind === 'household');
  const dates = [...new Set(input.visits.map((v) => v.visitDate))].sort();
  const townNames = new Map<string, string>();
  for (const v of draw.villages) townNames.set(villageRows.get(v.villageCode)?.townCode ?? `${v.villageCode.slice(0, 9)}000`, v.townName);
  const quizPercents = input.quizzes.filter((q) => inPlan.has(q.villageCode)).map((q) => q.result.percent);
  const findings: Found[] = [];
  for (const r of complete) {
    for (const a of r.answers) {
      if (!a.problem) continue;
      findings.push({ villageCode: r.villageCode, stopKind: r.stopKind, stopCode: r.stopCode, itemId: a.itemId, problemType: a.problem.problemType, severity: a.problem.severity, description: a.problem.description.trim() });
    }
  }
  const basics: ReportBasicsDto = {
    countyName: input.countyName,
    towns: [...townNames.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name })),
    villages: draw.villages.map((v) => ({ code: v.villageCode, name: v.villageName, townName: v.townName })),
    households: {
      drawn: draw.villages.reduce((n, v) => n + v.sampleSize, 0),
      visited: visitedHouseholds.length,
      substituted: input.substitutions.filter((s) => inPlan.has(s.villageCode)).length,
      priority: visitedHouseholds.filter((r) => PRIORITY_STRATA.has(stratumOf.get(r.stopCode)!)).length,
    },
    projects: complete.filter((r) => r.stopKind === 'project').length,
    assets: complete.filter((r) => r.stopKind === 'asset').length,
    interviews: { planned: draw.villages.reduce((n, v) => n + v.interviewees.length, 0), done: complete.filter((r) => r.stopKind === 'interview').length },
    quiz: {
      takers: quizPercents.length,
      meanPercent: quizPercents.length ? round1(quizPercents.reduce((a, b) => a + b, 0) / quizPercents.length) : null,
      below60: quizPercents.filter((p) => p < 60).length,
    },
    visitDates: { first: dates[0] ?? null, last: dates[dates.length - 1] ?? null, days: dates.length },
    teams: input.teams.map((t) => {
      const mine = input.visits.filter((v) => v.teamId === t.id);
      return { name: t.name, members: t.members.map((m) => m.displayName), villages: mine.length, days: new Set(mine.map((v) => v.visitDate)).size };
    }),
    method: METHOD_TEXT,
    draw: {
      algorithm: `${draw.algorithm} v${draw.algorithmVersion}`,
      commitment: plan.commitment,
      rosterHash: draw.snapshotHash,
      seed: plan.seed,
      sealedAt: plan.sealedAt?.toISOString() ?? null,
      revealedAt: plan.revealedAt?.toISOString() ?? null,
    },
    findings: findings.length,
    stopsWithFindings: complete.filter((r) => r.answers.some((a) => a.problem)).length,
  };

  // ---- 典型经验: score the villages that have visits, take the best.
  const inspections: VillageInspection[] = [];
  for (const v of draw.villages) {
    const stops = records.filter((r) => r.villageCode === v.villageCode);
    if (!stops.some((s) => s.status === 'complete' && s.stopKind === 'household')) continue;
    inspections.push(
      inspectionFromFieldData({
        townCode: villageRows.get(v.villageCode)?.townCode ?? `${v.villageCode.slice(0, 9)}000`,
        draw: v,
        stops,
        substitutions: input.substitutions.filter((s) => s.villageCode === v.villageCode),
        quiz: input.quizzes.filter((q) => q.villageCode === v.villageCode).map((q) => ({ cadreNo: q.cadreNo, percent: q.result.percent })),
      }),
    );
  }
  const experiences: ReportExperienceDto[] = [];
  if (inspections.length) {
    const snapshot = scoreRound({ asOf: input.asOf, villages: inspections }, input.scheme);
    const scores = new Map(snapshot.villageScores.map((s) => [s.villageCode, s]));
    const byCode = new Map(inspections.map((i) => [i.villageCode, i]));
    for (const entry of snapshot.villages.slice(0, TOP_VILLAGES)) {
      const v = villageDraws.get(entry.code)!;
      experiences.push({
        rank: entry.rank,
        villageCode: entry.code,
        villageName: v.villageName,
        townName: v.townName,
        score: round1(entry.score),
        interval: [round1(entry.interval[0]), round1(entry.interval[1])],
        strengths: strengths(scores.get(entry.code)!, byCode.get(entry.code)!),
      });
    }
  }

  // ---- 存在的主要问题: by type, most frequent first, with masked examples.
  const subject = (f: Found): string => {
    switch (f.stopKind) {
      case 'household': {
        const h = householdIndex.get(f.stopCode);
        const stratum = stratumOf.get(f.stopCode);
        return `${h ? maskName(h.headName) : f.stopCode}户${stratum ? `（${STRATUM_LABELS[stratum]}）` : ''}`;
      }
      case 'project':
        return `项目“${projectIndex.get(f.stopCode)?.name ?? f.stopCode}”`;
      case 'asset':
        return `资产“${assetIndex.get(f.stopCode)?.name ?? f.stopCode}”`;
      case 'interview':
        return `访谈${cadreIndex.get(f.stopCode)?.role ?? '村干部'}`;
      case 'documents':
        return '查阅资料';
      default:
        return '村级排查';
    }
  };
  const problems: ReportProblemDto[] = [];
  for (const type of PROBLEM_TYPES) {
    const ofType = findings.filter((f) => f.problemType === type);
    if (!ofType.length) continue;
    const bySeverity: Record<string, number> = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    for (const f of ofType) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    const ordered = [...ofType].sort((a, b) => (SEVERITY_ORDER.get(b.severity as never) ?? 0) - (SEVERITY_ORDER.get(a.severity as never) ?? 0) || a.villageCode.localeCompare(b.villageCode) || a.stopCode.localeCompare(b.stopCode));
    // Prefer examples from different villages and with different wording.
    const examples: ReportProblemExampleDto[] = [];
    const usedVillages = new Set<string>();
    const usedText = new Set<string>();
    for (const pass of [0, 1]) {
      for (const f of ordered) {
        if (examples.length >= EXAMPLES_PER_TYPE) break;
        if (usedText.has(f.description) || (pass === 0 && usedVillages.has(f.villageCode))) continue;
        const v = villageDraws.get(f.villageCode)!;
        examples.push({ villageName: v.villageName, townName: v.townName, subject: subject(f), description: f.description, severity: f.severity });
        usedVillages.add(f.villageCode);
        usedText.add(f.description);
      }
    }
    problems.push({ problemType: type, count: ofType.length, villages: new Set(ofType.map((f) => f.villageCode)).size, bySeverity, examples });
  }
  problems.sort((a, b) => b.count - a.count || PROBLEM_TYPES.indexOf(a.problemType as never) - PROBLEM_TYPES.indexOf(b.problemType as never));

  const generated = generatedSuggestions(problems);
  return {
    planId: plan.id,
    planName: plan.name,
    status: plan.status,
    draft: plan.status !== 'completed',
    basics,
    experiences,
    scoring: {
      schemeVersion: input.scheme.version,
      villages: inspections.length,
      note: `按评分方案 ${input.scheme.version} 计算本轮各村得分（入户调查、项目资产核查、知识测试、查阅资料、干部访谈，不含整改台账），取前 ${Math.min(TOP_VILLAGES, inspections.length)} 名。`,
    },
    problems,
    suggestions: input.stored?.suggestions.length ? input.stored.suggestions : generated,
    suggestionsEdited: input.stored ? { by: input.stored.by, at: input.stored.at.toISOString() } : null,
    generatedSuggestions: generated,
  };
}

/** What a top village did well, from its score's breakdown, in the words of a report. */
function strengths(score: VillageScore, inspection: VillageInspection): string[] {
  const lines: string[] = [];
  const value = (c: keyof typeof COMPONENT_LABELS) => score.breakdown.find((b) => b.component === c)?.value ?? null;
  const est = score.householdEstimate;
  const h = value('households');
  if (est && h !== null && h >= 80) {
    lines.push(
      est.householdsWithFindings === 0
        ? `入户走访 ${est.visited} 户均未发现问题，“两不愁三保障”和饮水安全保障到位`
        : `入户走访 ${est.visited} 户，仅 ${est.householdsWithFindings} 户发现问题，“两不愁三保障”和饮水安全保障总体到位`,
    );
  }
  const p = value('projects');
  if (p !== null && p >= 100 && inspection.projects?.length) lines.push(`抽查的 ${inspection.projects.length} 个项目资产均运行正常、管护到位，资金使用规范`);
  const q = value('quiz');
  if (q !== null && q >= 80 && inspection.quiz?.length) lines.push(`${inspection.quiz.length} 名干部现场知识测试平均 ${round1(q)} 分，政策业务掌握扎实`);
  const d = value('documents');
  if (d !== null && d >= 90 && inspection.documents?.length) lines.push(`档案资料规范齐全，村级排查和查阅资料 ${inspection.documents.filter((c) => c.passed).length}/${inspection.documents.length} 项符合要求`);
  const i = value('interviews');
  if (i !== null && i >= 90 && inspection.interviews?.length) lines.push('干部访谈对答清楚，驻村帮扶和防返贫监测责任落实到位');
  if (!lines.length) lines.push(`综合得分 ${round1(score.score)} 分，位居本轮前列`);
  return lines;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
