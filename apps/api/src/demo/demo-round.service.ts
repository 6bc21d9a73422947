import { Injectable, Logger } from '@nestjs/common';
import { addDays, chinaDate, type HouseholdRecord } from '@lookback/contracts';
import { BANK_VERSION } from '@lookback/quiz';
import type { VillageDraw } from '@lookback/sampling';
import { type ChecklistTemplate, DEFAULT_TEMPLATES, validateStopRecord, validateSubstitution, type Substitution } from '@lookback/fieldwork';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/clock.js';
import { FieldRecordsRepository } from '../fieldwork/field-records.repository.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { PlansService } from '../plans/plans.service.js';
import { SnapshotRostersService } from '../roster/snapshot-rosters.service.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { TeamsService } from '../teams/teams.service.js';
import { DEMO_ROUND_SEED, generateRound, type GeneratedRound } from './demo-round.generator.js';
import { DemoLedgerHistoryService } from './demo-ledger-history.service.js';
import { DemoRoundRepository } from './demo-round.repository.js';

export const DEMO_ROUND_NAME = '演示：巩固拓展脱贫攻坚成果第一轮“回头看”督查（已完成）';
/** The public seed of the round's draw (in a real plan: dice digits read out at the draw). */
export const DEMO_ROUND_DRAW_SEED = '31415926535897932384';
/** The round's visit days: seven days, ending 24 days before the demo starts. */
export const DEMO_ROUND_FIRST_DAY = -30;
export const DEMO_ROUND_DAYS = 7;

const TEMPLATES = new Map<string, ChecklistTemplate>(DEFAULT_TEMPLATES.map((t) => [`${t.id}@${t.version}`, t]));

/**
 * In demo mode, a COMPLETED earlier round (第一轮回头看) with field data, so that the leader's
 * dashboard, rankings, ledger and 督查报告 have something to show right after `npm start`. The
 * plan, teams and schedule go through PlansService and TeamsService; the records are generated
 * (demo-round.generator.ts, fixed seed), validated exactly as a sync validates them, stored by the
 * field-work repositories, then the plan is revealed and completed and its times set back to the
 * days of the round. Its findings then go through the ledger and the weekly rankings of the weeks
 * since (DemoLedgerHistoryService).
 */
@Injectable()
export class DemoRoundService {
  private readonly logger = new Logger(DemoRoundService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly plans: PlansService,
    private readonly planRows: PlansRepository,
    private readonly teams: TeamsService,
    private readonly teamRows: TeamsRepository,
    private readonly records: FieldRecordsRepository,
    private readonly rosters: SnapshotRostersService,
    private readonly rounds: DemoRoundRepository,
    private readonly ledgerHistory: DemoLedgerHistoryService,
    private readonly clock: Clock,
  ) {}

  /** Creates the round unless it exists; answers its plan id (null when the demo has no planner). */
  async ensure(): Promise<string | null> {
    const existing = await this.rounds.findPlanByName(DEMO_ROUND_NAME);
    if (existing) return existing;
    const planner = await this.users.findByUsername('planner');
    const inspectors = [await this.users.findByUsername('inspector1'), await this.users.findByUsername('inspector2')];
    if (!planner || inspectors.some((i) => !i)) return null;
    const started = Date.now();

    const today = chinaDate(this.clock.now());
    const days = Array.from({ length: DEMO_ROUND_DAYS }, (_, i) => addDays(today, DEMO_ROUND_FIRST_DAY + i));
    const { plan } = await this.plans.create(planner, 'demo', { name: DEMO_ROUND_NAME, perTown: 2, seed: DEMO_ROUND_DRAW_SEED });
    const county = { lat: 33.2544, lng: 113.0125 };
    const team1 = await this.teams.create(planner, plan.id, { name: '第一督查组', startLabel: '方城县人民政府', startLat: county.lat, startLng: county.lng, members: ['inspector1'] });
    const team2 = await this.teams.create(planner, plan.id, { name: '第二督查组', startLabel: '县城宾馆', startLat: county.lat + 0.01, startLng: county.lng - 0.01, members: ['inspector2'] });
    const teamIds = [team1.id, team2.id];
    await this.teams.autoSchedule(planner, plan.id, days);
    await this.plans.seal(planner, 'demo', plan.id);

    const row = (await this.planRows.findById(plan.id))!;
    const visits = (await this.teamRows.findVisits(plan.id)).map((v) => ({ villageCode: v.villageCode, team: teamIds.indexOf(v.teamId), visitDate: v.visitDate }));
    const roster = await this.rosters.roster(row.snapshotId);
    const villages = new Set(row.villageCodes);
    const households = new Map<string, HouseholdRecord>(roster.households.filter((h) => villages.has(h.villageCode)).map((h) => [h.householdNo, h]));
    const round = generateRound(plan.id, row.drawRecord, visits, households);
    this.check(round, row.drawRecord.villages);

    await this.records.transaction((tx) =>
      this.rounds.insertRound(
        tx,
        plan.id,
        round.records.map(({ team, ...record }) => ({ record, userId: inspectors[team]!.id })),
        round.substitutions.map(({ team, ...sub }) => ({ sub, userId: inspectors[team]!.id })),
        round.quizzes.map(({ team, ...q }) => ({ ...q, bankVersion: BANK_VERSION, userId: inspectors[team]!.id })),
      ),
    );
    for (const s of round.signoffs) {
      await this.records.sign(plan.id, teamIds[s.team], s.visitDate, [inspectors[s.team]!.displayName], inspectors[s.team]!.id);
    }
    await this.plans.reveal(planner, 'demo', plan.id);
    await this.plans.complete(planner, 'demo', plan.id);

    const first = days[0];
    const last = days[days.length - 1];
    await this.records.transaction((tx) =>
      this.rounds.backdate(
        tx,
        plan.id,
        {
          createdAt: `${addDays(first, -7)}T09:00:00+08:00`,
          sealedAt: `${addDays(first, -5)}T16:00:00+08:00`,
          revealedAt: `${addDays(last, 1)}T10:00:00+08:00`,
          completedAt: `${addDays(last, 3)}T17:00:00+08:00`,
        },
        round.signoffs.map((s) => ({ teamId: teamIds[s.team], visitDate: s.visitDate, at: s.at })),
      ),
    );
    const findings = round.records.reduce((n, r) => n + r.answers.filter((a) => a.problem).length, 0);
    this.logger.log(
      `demo round completed in ${Date.now() - started} ms: ${row.villageCodes.length} villages, ${round.records.length} records, ${findings} findings, ${round.substitutions.length} substitutions, ${round.quizzes.length} quizzes (seed ${DEMO_ROUND_SEED})`,
    );
    return plan.id;
  }

  /**
   * The weeks after the round: ledger and weekly rankings (DemoLedgerHistoryService). Slow (every
   * step goes through LedgerService), so `npm start` runs it after the server listens; skipped
   * when the round's ledger already exists. Answers whether it ran.
   */
  async ensureHistory(): Promise<boolean> {
    const planId = await this.rounds.findPlanByName(DEMO_ROUND_NAME);
    if (!planId || (await this.rounds.hasLedger(planId))) return false;
    const plan = (await this.planRows.findById(planId))!;
    if (plan.status !== 'completed' || !plan.completedAt) return false;
    await this.ledgerHistory.write(planId, chinaDate(plan.completedAt));
    return true;
  }

  /** Refuses to store anything a sync would refuse: every record and substitution is validated. */
  private check(round: GeneratedRound, draws: readonly VillageDraw[]): void {
    const problems: string[] = [];
    for (const record of round.records) {
      const template = TEMPLATES.get(`${record.templateId}@${record.templateVersion}`)!;
      for (const p of validateStopRecord(record, template)) problems.push(`${record.stopKind} ${record.stopCode}: ${p}`);
    }
    const previous: Substitution[] = [];
    for (const sub of round.substitutions) {
      const draw = draws.find((d) => d.villageCode === sub.villageCode)!;
      for (const p of validateSubstitution(sub, draw, previous)) problems.push(`substitution ${sub.absentHouseholdNo}: ${p}`);
      previous.push(sub);
    }
    if (problems.length) throw new Error(`demo round records are invalid: ${problems.slice(0, 5).join('; ')}`);
  }
}
