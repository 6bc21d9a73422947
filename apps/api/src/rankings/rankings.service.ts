import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  chinaDate,
  isoWeek,
  maskName,
  type BreakdownLineDto,
  type DashboardDto,
  type QuizAnalysisDto,
  type RankingRowDto,
  type RankingSnapshotInfoDto,
  type RankingTableDto,
  type RankingWeekDto,
  type RescoreDto,
  type ScoringSchemeDto,
  type SnapshotResultDto,
  type TownRankingDto,
  type VillageRankingDto,
} from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import { QUIZ_BANK, wrongRateByQuestion } from '@lookback/quiz';
import { STRATUM_LABELS, type Stratum } from '@lookback/sampling';
import {
  COMPONENT_LABELS,
  DEFAULT_SCHEME,
  inspectionFromFieldData,
  isOverdue,
  scoreRound,
  scoreRoundSkipping,
  ScoringError,
  schemeFingerprint,
  schemeProblemsInChinese,
  breakdownNoteInChinese,
  validateScheme,
  type RankingEntry,
  type RankingSnapshot,
  type ScoringScheme,
  type VillageInspection,
} from '@lookback/scoring';
import { type CurrentUser, inScope } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { PlansService } from '../plans/plans.service.js';
import { deepFreeze } from '../common/deep-freeze.js';
import { type FullSnapshotRow, RankingsRepository, type ReadSnapshotRow, type SchemeRow, type SnapshotRow, type VillageSource } from './rankings.repository.js';

const WEEK = /^\d{4}-W\d{2}$/;
const noSnapshot = () => new DomainError(ErrorCode.NotFound, '还没有排队结果：每周一 06:00 自动生成，督查组长也可以点击“立即生成排队”');

/**
 * Scoring schemes, weekly ranking snapshots (排队), the drill-down behind a score, quiz analysis
 * and the leaders' dashboard. Every rule of scoring lives in @lookback/scoring; this service only
 * reads the field data, decides which inspection counts, and stores and filters the results.
 *
 * Which inspections count: for every village, its latest completed plan (status completed, by
 * completed_at) at the time of the snapshot. Plans not completed never count, so a leader (who
 * may read completed plans only) can see everything behind a ranking. The ledger component reads
 * the village's ledger items created by then, with closings after the snapshot day counted open.
 *
 * Scope: snapshots are county-wide (the scheduler has no caller); readers see the rows of their
 * own towns, with their county-wide ranks.
 */
@Injectable()
export class RankingsService implements OnModuleInit {
  /** Ranking tables by snapshot, names marker, level and scope (see table). */
  private readonly tables = new Map<string, Promise<KeptTable>>();

  constructor(
    private readonly repo: RankingsRepository,
    private readonly plans: PlansService,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repo.insertSchemeIfNone(DEFAULT_SCHEME.version, DEFAULT_SCHEME, schemeFingerprint(DEFAULT_SCHEME));
  }

  // ---- schemes -------------------------------------------------------------------------------

  async schemes(): Promise<ScoringSchemeDto[]> {
    const rows = await this.repo.listSchemes();
    return rows.map((row, i) => schemeDto(row, i === 0));
  }

  async scheme(version: string): Promise<ScoringSchemeDto> {
    const [row, all] = await Promise.all([this.repo.findScheme(version), this.repo.listSchemes()]);
    if (!row) throw new DomainError(ErrorCode.NotFound, `评分方案版本 ${version} 不存在`);
    return schemeDto(row, all[0]?.id === row.id);
  }

  /** Saves a new version; the old ones stay as they were (a snapshot names the one it used). */
  async createScheme(user: CurrentUser, body: unknown, note: string): Promise<ScoringSchemeDto> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DomainError(ErrorCode.ValidationFailed, '评分方案应为 JSON 对象');
    const scheme = body as ScoringScheme;
    const problems = validateScheme(scheme);
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, `评分方案有误：${schemeProblemsInChinese(problems).join('；')}`);
    const clean = pickScheme(scheme);
    const row = await this.repo.insertScheme(clean.version.trim(), { ...clean, version: clean.version.trim() }, schemeFingerprint({ ...clean, version: clean.version.trim() }), note, user.id);
    if (!row) throw new DomainError(ErrorCode.Conflict, `版本号 ${clean.version} 已经用过：方案从不原地修改，请填写新的版本号`);
    return schemeDto(row, true);
  }

  private async currentScheme(): Promise<SchemeRow> {
    const [row] = await this.repo.listSchemes();
    if (!row) throw new DomainError(ErrorCode.Internal, '没有评分方案');
    return row;
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /** On demand: one more snapshot of the current week (nothing is replaced; the latest is shown). */
  async snapshotNow(user: CurrentUser): Promise<SnapshotResultDto> {
    const now = this.clock.now();
    const row = await this.takeSnapshot(isoWeek(chinaDate(now)), now, 'on-demand', user.id);
    await this.warmLatest();
    return { ...(await this.info(row)), villages: row.result.villages.length, towns: row.result.towns.length, excluded: row.excluded.length };
  }

  /** Builds, scores and stores a snapshot of `period` from the field data as of `now`. */
  async takeSnapshot(period: string, now: Date, kind: 'scheduled' | 'on-demand', userId: string | null): Promise<FullSnapshotRow> {
    const asOf = chinaDate(now);
    const scheme = await this.currentScheme();
    const sources = await this.repo.latestCompletedVillages(now);
    const pairs = sources.map((s) => ({ planId: s.planId, villageCode: s.villageCode }));
    const key = (p: { planId: string; villageCode: string }) => `${p.planId}|${p.villageCode}`;
    const [stops, substitutions, quiz, ledger] = await Promise.all([
      this.repo.stops(pairs),
      this.repo.substitutions(pairs),
      this.repo.quizPercents(pairs),
      this.repo.ledgerItems(sources.map((s) => s.villageCode), now, asOf),
    ]);

    const villages: VillageInspection[] = [];
    const excluded: { code: string; reason: string }[] = [];
    const sourceOf: Record<string, VillageSource> = {};
    for (const s of sources) {
      const villageStops = stops.get(key(s)) ?? [];
      if (villageStops.length === 0) {
        excluded.push({ code: s.villageCode, reason: '方案已完成，但没有该村的核查记录' });
        continue;
      }
      try {
        villages.push(
          inspectionFromFieldData({
            townCode: s.townCode,
            draw: s.draw,
            stops: villageStops,
            substitutions: substitutions.get(key(s)),
            quiz: quiz.get(key(s)),
            ledger: { asOf, items: ledger.get(s.villageCode) ?? [] },
          }),
        );
        sourceOf[s.villageCode] = { planId: s.planId, planName: s.planName, completedAt: s.completedAt.toISOString() };
      } catch (error) {
        if (!(error instanceof ScoringError)) throw error;
        excluded.push({ code: s.villageCode, reason: scoringReason(error) });
      }
    }

    const previousRow = await this.repo.previousEntries(period);
    const previous = previousRow ? { villages: previousRow.villages, towns: previousRow.towns } : null;
    // A village that cannot be scored is listed with the reason, not ranked; the inputs stored are
    // exactly the villages ranked, so scoreRound(inputs) reproduces the result.
    const scored = scoreRoundSkipping({ asOf, villages }, scheme.body, previous ?? undefined);
    for (const r of scored.refused) {
      excluded.push({ code: r.villageCode, reason: scoringReason(r.error) });
      delete sourceOf[r.villageCode];
    }
    const round = { asOf, villages: scored.kept };
    const result = scored.snapshot;
    const row = await this.repo.insertSnapshot({
      period,
      asOf,
      kind,
      schemeId: scheme.id,
      schemeVersion: result.schemeVersion,
      schemeFingerprint: result.schemeFingerprint,
      previousId: previousRow?.id ?? null,
      inputs: { round, previous },
      sources: sourceOf,
      excluded,
      result,
      createdBy: userId,
      createdAt: now,
    });
    return { ...row, inputs: { round, previous }, sources: sourceOf, excluded, result };
  }

  /** The stored inputs of a snapshot scored again under a scheme (the one it used when none given). */
  async rescore(user: CurrentUser, snapshotId: string, version: string | undefined): Promise<RescoreDto> {
    const row = isUuid(snapshotId) ? await this.repo.findById(snapshotId) : null;
    if (!row) throw new DomainError(ErrorCode.NotFound, '排队快照不存在');
    const scheme = version ? await this.repo.findScheme(version) : (await this.repo.listSchemes()).find((s) => s.id === row.schemeId);
    if (!scheme) throw new DomainError(ErrorCode.NotFound, `评分方案版本 ${version} 不存在`);
    const result = scoreRound(row.inputs.round, scheme.body, row.inputs.previous ?? undefined);
    const brief = (e: RankingEntry) => ({ code: e.code, rank: e.rank, score: e.score, interval: e.interval, tieGroup: e.tieGroup });
    return {
      snapshotId: row.id,
      schemeVersion: result.schemeVersion,
      schemeFingerprint: result.schemeFingerprint,
      villages: result.villages.filter((e) => inScope(user, e.code)).map(brief),
      towns: result.towns.filter((e) => inScope(user, e.code)).map(brief),
    };
  }

  // ---- reads ---------------------------------------------------------------------------------

  async weeks(): Promise<RankingWeekDto[]> {
    const rows = await this.repo.weeks();
    return rows.map((r) => ({ period: r.period, snapshotId: r.id, asOf: r.asOf, kind: r.kind, createdAt: r.createdAt.toISOString(), snapshots: r.snapshots, schemeVersion: r.schemeVersion }));
  }

  /**
   * The 排队 table of a week at one level, in the caller's scope. Leaders open it far more often
   * than it changes: snapshots are never altered, so a table is kept by snapshot id, level, scope
   * and the names marker (RankingsRepository.tableKey), and each request costs one small query.
   */
  async table(user: Scope, level: string | undefined, week: string | undefined): Promise<RankingTableDto> {
    return (await this.keptTable(user, level, week)).table;
  }

  /** The same table as JSON text, serialised once per kept table (the page reads it far more often than the export). */
  async tableJson(user: Scope, level: string | undefined, week: string | undefined): Promise<string> {
    const kept = await this.keptTable(user, level, week);
    kept.json ??= JSON.stringify(kept.table);
    return kept.json;
  }

  private async keptTable(user: Scope, level: string | undefined, week: string | undefined): Promise<KeptTable> {
    const lvl = level ?? 'village';
    if (lvl !== 'village' && lvl !== 'town') throw new DomainError(ErrorCode.ValidationFailed, 'level 应为 village（行政村）或 town（乡镇）');
    const w = weekOf(week);
    const key = await this.repo.tableKey(w);
    if (!key) throw noSnapshotFor(w);
    const cacheKey = `${key.id}|${key.names}|${lvl}|${user.scopeTowns?.join(',') ?? '*'}`;
    let kept = this.tables.get(cacheKey);
    if (!kept) {
      // Kept as a promise: the many requests that arrive together for a new table build it once.
      kept = this.buildTable(key.id, w, lvl, user);
      if (this.tables.size >= KEPT_TABLES) this.tables.delete(this.tables.keys().next().value!);
      this.tables.set(cacheKey, kept);
      kept.catch(() => {
        if (this.tables.get(cacheKey) === kept) this.tables.delete(cacheKey);
      });
    }
    return kept;
  }

  private async buildTable(snapshotId: string, week: string, level: 'village' | 'town', user: Scope): Promise<KeptTable> {
    const row = await this.repo.findReadById(snapshotId);
    if (!row) throw noSnapshotFor(week);
    const rows = await this.rows(row.result, level, user);
    const names = await this.repo.villageNames(row.excluded.map((e) => e.code));
    const table: RankingTableDto = {
      ...(await this.info(row)),
      level,
      rows,
      excluded: row.excluded.filter((e) => inScope(user, e.code)).map((e) => ({ code: e.code, name: names.get(e.code)?.name ?? e.code, reason: e.reason })),
    };
    return { table: deepFreeze(table), json: null };
  }

  /**
   * Builds the county-wide tables of the latest snapshot (both levels) ahead of the leaders' first
   * read. Only a head start: a failure here leaves the tables to be built on that read.
   */
  async warmLatest(): Promise<void> {
    await Promise.all((['village', 'town'] as const).map((level) => this.tableJson({ scopeTowns: null }, level, 'latest'))).catch(() => undefined);
  }

  async village(user: CurrentUser, code: string, week: string | undefined): Promise<VillageRankingDto> {
    const row = await this.snapshotOf(week);
    const score = row.result.villageScores.find((v) => v.villageCode === code);
    if (!score || !inScope(user, code)) throw new DomainError(ErrorCode.NotFound, `该周排队中没有村 ${code}`);
    const [entry] = (await this.rows(row.result, 'village', user)).filter((r) => r.code === code);
    const source = row.sources[code];
    const [findings, ledgerItems] = await Promise.all([this.repo.findings(source.planId, code), this.repo.ledgerOfVillage(code)]);
    const today = chinaDate(this.clock.now());
    const e = score.householdEstimate;
    return {
      ...(await this.info(row)),
      entry,
      breakdown: score.breakdown.map((b): BreakdownLineDto => ({ ...b, label: COMPONENT_LABELS[b.component], note: breakdownNoteInChinese(b.note) })),
      householdEstimate: e
        ? { meanBurden: e.meanBurden, interval: e.interval, visited: e.visited, householdsWithFindings: e.householdsWithFindings, findings: e.findings, byType: e.byType, bySeverity: e.bySeverity }
        : null,
      source,
      findings: findings.map((f) => ({
        stopKind: f.stopKind,
        stopCode: f.stopCode,
        householdHead: f.headName === null ? null : maskName(f.headName),
        itemId: f.itemId,
        problemType: f.problemType,
        severity: f.severity,
        description: f.description,
      })),
      ledgerItems: ledgerItems.map((i) => ({ ...i, overdue: isOverdue({ id: i.id, deadline: i.deadline, completedOn: i.status === 'closed' ? (i.completedOn ?? today) : null }, today) })),
    };
  }

  async town(user: CurrentUser, code: string, week: string | undefined): Promise<TownRankingDto> {
    const row = await this.snapshotOf(week);
    const score = row.result.townScores.find((t) => t.townCode === code);
    if (!score || !inScope(user, code)) throw new DomainError(ErrorCode.NotFound, `该周排队中没有乡镇 ${code}`);
    const [entry] = (await this.rows(row.result, 'town', user)).filter((r) => r.code === code);
    const names = await this.repo.villageNames(score.villages.map((v) => v.villageCode));
    const villageEntries = new Map(row.result.villages.map((v) => [v.code, v]));
    return {
      ...(await this.info(row)),
      entry,
      villages: score.villages.map((v) => ({
        code: v.villageCode,
        name: names.get(v.villageCode)?.name ?? v.villageCode,
        households: v.households,
        weight: v.weight,
        score: v.score,
        contribution: v.contribution,
        rank: villageEntries.get(v.villageCode)?.rank ?? null,
        interval: villageEntries.get(v.villageCode)?.interval ?? null,
      })),
    };
  }

  async quizAnalysis(user: CurrentUser, planId: string | undefined): Promise<QuizAnalysisDto> {
    let plans: { id: string; name: string }[];
    if (planId) {
      const plan = await this.plans.visible(user, planId);
      if (plan.status !== 'completed') throw new DomainError(ErrorCode.ValidationFailed, '方案完成后才能分析测试结果');
      plans = [{ id: plan.id, name: plan.name }];
    } else {
      plans = (await this.plans.list(user)).filter((p) => p.status === 'completed').map((p) => ({ id: p.id, name: p.name }));
    }
    const results = await this.repo.quizResults(plans.map((p) => p.id), user.scopeTowns);
    const stems = new Map(QUIZ_BANK.map((q) => [q.id, q.stem]));
    return {
      plans,
      cadres: results.length,
      questions: wrongRateByQuestion(results.map((r) => r.result)).map((q) => ({ id: q.id, topic: q.topic, stem: stems.get(q.id) ?? '', attempts: q.attempts, wrong: q.wrong, wrongRate: q.wrongRate })),
    };
  }

  async dashboard(user: CurrentUser): Promise<DashboardDto> {
    const today = chinaDate(this.clock.now());
    const [latest, trend, ledgerRows] = await Promise.all([this.repo.findForWeek('latest'), this.repo.trend(user.scopeTowns), this.repo.ledgerFigures(user.scopeTowns)]);
    let overdue = 0;
    let closed = 0;
    for (const r of ledgerRows) {
      if (r.status === 'closed') closed += 1;
      else if (isOverdue({ id: '', deadline: r.deadline, completedOn: null }, today)) overdue += 1;
    }
    const ledger = { total: ledgerRows.length, closed, closureRate: ledgerRows.length ? closed / ledgerRows.length : null, overdue, asOf: today };
    if (!latest) return { period: null, trend, problemsByType: [], ledger, villages: [] };
    const inView = latest.result.villages.filter((e) => inScope(user, e.code));
    const pairs = inView.map((e) => ({ planId: latest.sources[e.code].planId, villageCode: e.code }));
    const [problemsByType, names] = await Promise.all([this.repo.problemsByType(pairs), this.repo.villageNames(inView.map((e) => e.code))]);
    return {
      period: latest.period,
      trend,
      problemsByType,
      ledger,
      villages: inView.map((e) => {
        const n = names.get(e.code);
        return { code: e.code, name: n?.name ?? e.code, townName: n?.townName ?? '', lat: n?.lat ?? 0, lng: n?.lng ?? 0, score: e.score, rank: e.rank };
      }),
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async snapshotOf(week: string | undefined): Promise<ReadSnapshotRow> {
    const w = weekOf(week);
    const row = await this.repo.findForWeek(w);
    if (!row) throw noSnapshotFor(w);
    return row;
  }

  private async info(row: SnapshotRow): Promise<RankingSnapshotInfoDto> {
    return {
      snapshotId: row.id,
      period: row.period,
      asOf: row.asOf,
      kind: row.kind,
      createdAt: row.createdAt.toISOString(),
      schemeVersion: row.schemeVersion,
      schemeFingerprint: row.schemeFingerprint,
      previousPeriod: await this.repo.periodOf(row.previousId),
    };
  }

  private async rows(result: RankingSnapshot, level: 'village' | 'town', user: Scope): Promise<RankingRowDto[]> {
    const entries = (level === 'village' ? result.villages : result.towns).filter((e) => inScope(user, e.code));
    const townNames = await this.repo.townNames();
    if (level === 'town') {
      const households = new Map(result.townScores.map((t) => [t.townCode, t.households]));
      return entries.map((e) => ({ ...rowOf(e), name: townNames.get(e.code) ?? e.code, townCode: e.code, townName: townNames.get(e.code) ?? e.code, households: households.get(e.code) ?? 0 }));
    }
    const names = await this.repo.villageNames(entries.map((e) => e.code));
    const scores = new Map(result.villageScores.map((v) => [v.villageCode, v]));
    return entries.map((e) => {
      const v = scores.get(e.code)!;
      return { ...rowOf(e), name: names.get(e.code)?.name ?? e.code, townCode: v.townCode, townName: townNames.get(v.townCode) ?? v.townCode, households: v.households };
    });
  }
}

/** Whose rows a table holds: the county (null) or the user's towns. */
type Scope = Pick<CurrentUser, 'scopeTowns'>;

interface KeptTable {
  readonly table: RankingTableDto;
  json: string | null;
}

/** Tables kept by RankingsService.table (a few weeks × two levels × the scopes in use). */
const KEPT_TABLES = 64;

/** No snapshot for the week asked for ('latest': none at all yet). */
function noSnapshotFor(week: string): DomainError {
  return week === 'latest' ? noSnapshot() : new DomainError(ErrorCode.NotFound, `${week} 没有排队结果`);
}

/** The week asked for: 'latest' when absent, else a week label such as 2026-W48. */
function weekOf(week: string | undefined): string {
  const w = !week || week === 'latest' ? 'latest' : week;
  if (w !== 'latest' && !WEEK.test(w)) throw new DomainError(ErrorCode.ValidationFailed, `周次 ${week} 应写作 2026-W48 的形式，或 latest`);
  return w;
}

function rowOf(e: RankingEntry) {
  return { rank: e.rank, code: e.code, score: e.score, interval: e.interval, tiedWith: e.tiedWith, tieGroup: e.tieGroup, previousRank: e.previousRank, change: e.change, scoreChange: e.scoreChange };
}

function schemeDto(row: SchemeRow, current: boolean): ScoringSchemeDto {
  return { id: row.id, version: row.version, body: row.body as unknown as Record<string, unknown>, fingerprint: row.fingerprint, note: row.note, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), current };
}

/** Only the fields of a scheme (validateScheme has checked them), so nothing else is stored. */
function pickScheme(s: ScoringScheme): ScoringScheme {
  return {
    version: s.version,
    components: { ...s.components },
    householdMeasure: s.householdMeasure,
    severityWeights: { ...s.severityWeights },
    problemTypeWeights: { ...s.problemTypeWeights },
    overduePenaltyPerItem: s.overduePenaltyPerItem,
    maxLedgerPenalty: s.maxLedgerPenalty,
  };
}

/** Why a village was not ranked, in the words shown on the 排队 page (strata by their Chinese labels). */
function scoringReason(error: ScoringError): string {
  if (error.code === 'UNVISITED_STRATUM') {
    const strata = [...error.message.matchAll(/([a-z-]+) \((\d+) households\)/g)].map(([, stratum, n]) => `${STRATUM_LABELS[stratum as Stratum] ?? stratum}（${n} 户）`);
    return `有抽样层没有任何入户记录，无法无偏估计：${strata.length ? strata.join('、') : '见核查记录'}`;
  }
  if (error.code === 'INVALID_INSPECTION' && /neither drawn nor a reserve/.test(error.message)) {
    const household = error.message.match(/户编号 (\S+)/)?.[1] ?? '';
    return `入户记录中的户 ${household} 既不是抽中户也不是替补户`;
  }
  return `核查记录无法评分（${error.message}）`;
}
