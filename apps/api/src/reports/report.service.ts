import { Injectable } from '@nestjs/common';
import { chinaDate, type PlanReportDto, type ReportSuggestionDto } from '@lookback/contracts';
import { DEFAULT_SCHEME, PROBLEM_TYPES, type ScoringScheme } from '@lookback/scoring';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import type { CurrentUser } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { FieldRecordsRepository } from '../fieldwork/field-records.repository.js';
import { QuizRepository } from '../fieldwork/quiz.repository.js';
import { PlansService } from '../plans/plans.service.js';
import { RankingsService } from '../rankings/rankings.service.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { SnapshotRostersService } from '../roster/snapshot-rosters.service.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { buildReport } from './report-builder.js';
import { reportDocx } from './report-docx.js';
import { ReportRepository } from './report.repository.js';

/**
 * 督查报告 of a plan: computed from its records on every read (report-builder.ts; 典型经验 scored
 * with the rankings' current scoring scheme), with the
 * planner's edited 意见建议 stored beside it. Who may read it is who may read the plan — planners
 * of its towns, leaders once it is completed — and anyone else gets the same 404 as for a plan
 * that does not exist (PlansService.visible).
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly plans: PlansService,
    private readonly rosters: SnapshotRostersService,
    private readonly records: FieldRecordsRepository,
    private readonly quizzes: QuizRepository,
    private readonly teams: TeamsRepository,
    private readonly regions: RegionsRepository,
    private readonly reports: ReportRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly rankings: RankingsService,
    private readonly clock: Clock,
  ) {}

  async report(user: CurrentUser, address: string, id: string): Promise<PlanReportDto> {
    const report = await this.build(user, id);
    await this.accessLog.append(user, 'read', 'plan-report', report.planId, address);
    return report;
  }

  async docx(user: CurrentUser, address: string, id: string): Promise<{ filename: string; content: Buffer }> {
    const report = await this.build(user, id);
    await this.accessLog.append(user, 'export', 'plan-report', report.planId, address, { format: 'docx' });
    const issuedOn = chinaDate(this.clock.now());
    return { filename: `${report.planName}督查报告.docx`, content: await reportDocx(report, issuedOn) };
  }

  /** Stores the planner's 意见建议; an empty list goes back to the generated ones. */
  async saveSuggestions(user: CurrentUser, address: string, id: string, input: { problemType?: string | null; text: string }[]): Promise<PlanReportDto> {
    const plan = await this.plans.visible(user, id);
    const problems: string[] = [];
    const cleaned: ReportSuggestionDto[] = input.map((s, i) => {
      const text = s.text.trim();
      if (!text) problems.push(`第 ${i + 1} 条意见建议是空的：请填写内容或删去这一条`);
      const type = s.problemType?.trim() || null;
      if (type !== null && !(PROBLEM_TYPES as readonly string[]).includes(type)) problems.push(`第 ${i + 1} 条的问题类型“${type}”不在 ${PROBLEM_TYPES.length} 类问题之内`);
      return { problemType: type, text };
    });
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, problems.join('；'));
    if (cleaned.length) await this.reports.saveSuggestions(plan.id, cleaned, user.id);
    else await this.reports.deleteSuggestions(plan.id);
    await this.accessLog.append(user, 'update', 'plan-report', plan.id, address, { suggestions: cleaned.length });
    return this.build(user, id);
  }

  private async build(user: CurrentUser, id: string): Promise<PlanReportDto> {
    const plan = await this.plans.visible(user, id);
    const [roster, records, substitutions, quizzes, teams, visits, county, stored, schemes] = await Promise.all([
      this.rosters.roster(plan.snapshotId),
      this.records.findRecords(plan.id, null),
      this.records.findSubstitutions(plan.id),
      this.quizzes.findForPlan(plan.id),
      this.teams.findForPlan(plan.id),
      this.teams.findVisits(plan.id),
      this.regions.findCounty(),
      this.reports.findSuggestions(plan.id),
      this.rankings.schemes(),
    ]);
    // The scheme the rankings use now (admins edit it); the library default before any is stored.
    const current = schemes.find((x) => x.current);
    const scheme = current ? (current.body as unknown as ScoringScheme) : DEFAULT_SCHEME;
    const revealed = plan.status === 'revealed' || plan.status === 'completed';
    return buildReport({
      plan: { id: plan.id, name: plan.name, status: plan.status, commitment: plan.commitment, seed: revealed ? plan.seed : null, sealedAt: plan.sealedAt, revealedAt: plan.revealedAt, completedAt: plan.completedAt, drawRecord: plan.drawRecord },
      countyName: county?.name ?? '',
      roster,
      records,
      substitutions,
      quizzes,
      teams,
      visits,
      stored,
      scheme,
      asOf: chinaDate(plan.completedAt ?? this.clock.now()),
    });
  }
}
