import { Injectable } from '@nestjs/common';
import { chinaDate, maskName, type PlanDto } from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import { canonicalJson, draw, type DrawRecord, drawVillages, normaliseSeed, resolveSettings, SamplingError, seedFromRandomBytes, type SamplingSettingsInput } from '@lookback/sampling';
import { BANK_VERSION, drawQuizSet, QUIZ_BANK } from '@lookback/quiz';
import { householdsToRows, type RosterInput, toCsv } from '@lookback/roster';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import { type CurrentUser, inScope } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { RandomSource } from '../common/random.js';
import { SnapshotRostersService } from '../roster/snapshot-rosters.service.js';
import { SnapshotsRepository } from '../roster/snapshots.repository.js';
import type { CreatePlanDto, DrawOptionsDto } from './dto.js';
import { type FieldDayRow, type PlanRow, PlansRepository, type PlanStatus, type PlanSummaryRow, type VillageSelection } from './plans.repository.js';

export type { PlanDto };


/** A plan one may not know of is answered exactly like a plan that does not exist. */
const hidden = () => new DomainError(ErrorCode.NotFound, '督查方案不存在');

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Inspection plans: villages chosen, households/projects/assets/interviewees drawn with public
 * tickets (@lookback/sampling), quiz sets drawn (@lookback/quiz), a commitment published before
 * any sample is shown, the seed revealed after the visits. Visibility rules (四不两直):
 * planners of the plan's towns from creation; leaders once completed; nobody else.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly rosters: SnapshotRostersService,
    private readonly accessLog: AccessLogRepository,
    private readonly random: RandomSource,
    private readonly clock: Clock,
  ) {}

  canSee(user: CurrentUser, plan: Pick<PlanRow, 'townCodes' | 'status'>): boolean {
    const covers = plan.townCodes.every((town) => inScope(user, town));
    switch (user.role) {
      case 'planner':
        return covers;
      case 'leader':
        return covers && plan.status === 'completed';
      case 'inspector': // teams and visit days (issue 5) will open the day's part of a plan to its team
      case 'admin':
      case 'rectifier':
        return false;
    }
  }

  async list(user: CurrentUser): Promise<PlanDto[]> {
    const statuses: PlanStatus[] = user.role === 'leader' ? ['completed'] : user.role === 'planner' ? ['draft', 'sealed', 'revealed', 'completed'] : [];
    if (!statuses.length) return [];
    const rows = await this.plans.findSummaries(user.scopeTowns, statuses);
    return rows.filter((row) => this.canSee(user, row)).map((row) => this.view(row, null));
  }

  async get(user: CurrentUser, address: string, id: string): Promise<{ plan: PlanDto; draw: DrawRecord }> {
    const plan = await this.visible(user, id);
    await this.accessLog.append(user, 'read', 'plan', plan.id, address);
    return { plan: this.view(plan, plan.drawRecord), draw: plan.drawRecord };
  }

  async create(user: CurrentUser, address: string, input: CreatePlanDto): Promise<{ plan: PlanDto; draw: DrawRecord }> {
    const snapshot = input.snapshotId ? await this.snapshots.findById(input.snapshotId) : await this.snapshots.findLatest();
    if (!snapshot) throw new DomainError(ErrorCode.ValidationFailed, input.snapshotId ? '名单快照不存在' : '还没有导入农户名单，无法制定督查方案');
    const roster = await this.rosters.roster(snapshot.id);
    if (!input.name.trim()) throw new DomainError(ErrorCode.ValidationFailed, '请填写方案名称');
    const drawn = this.drawPlan(user, roster, input);
    const row = await this.plans.insert({ name: input.name.trim(), snapshotId: snapshot.id, createdBy: user.id, ...drawn });
    await this.accessLog.append(user, 'create', 'plan', row.id, address, { commitment: row.commitment, villages: row.villageCodes.length });
    return { plan: this.view(row, row.drawRecord), draw: row.drawRecord };
  }

  /** Draws again (new seed, villages or settings) while the plan is a draft; logged. */
  async redraw(user: CurrentUser, address: string, id: string, input: DrawOptionsDto): Promise<{ plan: PlanDto; draw: DrawRecord }> {
    const plan = await this.visible(user, id);
    if (plan.status !== 'draft') throw new DomainError(ErrorCode.Conflict, '方案已封存，抽样结果不能再更改');
    const roster = await this.rosters.roster(plan.snapshotId);
    const options: DrawOptionsDto = input.villages || input.perTown ? input : { ...input, ...(plan.selection.kind === 'list' ? { villages: plan.selection.villages } : { perTown: plan.selection.perTown, towns: plan.selection.towns ?? undefined }) };
    const drawn = this.drawPlan(user, roster, { ...options, settings: input.settings ?? (plan.settings as unknown as Record<string, unknown>) });
    const row = await this.plans.replaceDraw(plan.id, drawn);
    if (!row) throw new DomainError(ErrorCode.Conflict, '方案已封存，抽样结果不能再更改');
    await this.accessLog.append(user, 'redraw', 'plan', row.id, address, { previousCommitment: plan.commitment, commitment: row.commitment });
    return { plan: this.view(row, row.drawRecord), draw: row.drawRecord };
  }

  /** Freezes the draw: from now on its commitment is final. */
  async seal(user: CurrentUser, address: string, id: string): Promise<PlanDto> {
    const plan = await this.visible(user, id);
    const row = await this.plans.advance(plan.id, 'draft', 'sealed', this.clock.now());
    if (!row) throw new DomainError(ErrorCode.Conflict, `方案当前状态为“${STATUS_LABELS[plan.status]}”，不能封存`);
    await this.accessLog.append(user, 'seal', 'plan', row.id, address, { commitment: row.commitment });
    return this.view(row, row.drawRecord);
  }

  /** Publishes the seed after the visits: anyone can now re-run the draw. */
  async reveal(user: CurrentUser, address: string, id: string): Promise<PlanDto> {
    const plan = await this.visible(user, id);
    if (plan.status === 'sealed') {
      // 四不两直: the seed names every drawn household; it stays secret until the last village is visited.
      const ahead = await this.plans.visitsAhead(plan.id, chinaDate(this.clock.now()));
      if (ahead.length) {
        const villages = ahead.reduce((n, d) => n + d.villages, 0);
        throw new DomainError(ErrorCode.Conflict, `走访尚未结束：${ahead.map((d) => d.date).join('、')} 还有 ${villages} 个村的走访（当天组长签字确认后即算结束），种子须保密到走访全部结束后再公开`);
      }
    }
    const record: DrawRecord = { ...plan.drawRecord, seed: plan.seed };
    const row = await this.plans.advance(plan.id, 'sealed', 'revealed', this.clock.now(), record);
    if (!row) throw new DomainError(ErrorCode.Conflict, plan.status === 'draft' ? '请先封存方案，再公开种子' : '种子已经公开');
    await this.accessLog.append(user, 'reveal', 'plan', row.id, address);
    return this.view(row, row.drawRecord);
  }

  async complete(user: CurrentUser, address: string, id: string): Promise<PlanDto> {
    const plan = await this.visible(user, id);
    const row = await this.plans.advance(plan.id, 'revealed', 'completed', this.clock.now());
    if (!row) throw new DomainError(ErrorCode.Conflict, '公开种子之后才能结束方案');
    await this.accessLog.append(user, 'complete', 'plan', row.id, address);
    return this.view(row, row.drawRecord);
  }

  /** The canonical draw record (with the seed once revealed), for `lookback verify`. */
  async drawRecordJson(user: CurrentUser, address: string, id: string): Promise<string> {
    const plan = await this.visible(user, id);
    await this.accessLog.append(user, 'export', 'plan-draw-record', plan.id, address);
    return canonicalJson(plan.drawRecord);
  }

  /**
   * The households the plan was drawn from, in the import format (the --roster of `lookback
   * verify`). Names are masked unless an admin granted the account full export: the draw is bound
   * to the sampling frame, which holds no names, so a masked roster verifies all the same.
   */
  async rosterCsv(user: CurrentUser, address: string, id: string): Promise<string> {
    const plan = await this.visible(user, id);
    const roster = await this.rosters.roster(plan.snapshotId);
    const villages = new Set(plan.villageCodes);
    await this.accessLog.append(user, 'export', 'plan-roster', plan.id, address, { fullNames: user.fullExport });
    const households = roster.households.filter((h) => villages.has(h.villageCode));
    return toCsv(householdsToRows(user.fullExport ? households : households.map((h) => ({ ...h, headName: maskName(h.headName) }))));
  }

  /** The inspector's field day of a plan (see PlansRepository.findFieldDay); null when there is none. */
  fieldDay(userId: string, planId: string, date: string): Promise<FieldDayRow | null> {
    return this.plans.findFieldDay(userId, planId, date);
  }

  /** The plan, when the caller may see it; otherwise "not found", exactly as for an unknown id. */
  async visible(user: CurrentUser, id: string): Promise<PlanRow> {
    const plan = isUuid(id) ? await this.plans.findById(id) : null;
    if (!plan || !this.canSee(user, plan)) throw hidden();
    return plan;
  }

  private drawPlan(user: CurrentUser, roster: RosterInput, input: DrawOptionsDto) {
    const seed = input.seed?.trim() ? input.seed : seedFromRandomBytes(this.random.bytes(16));
    const villageIndex = new Map(roster.villages.map((v) => [v.code, v]));
    let selection: VillageSelection;
    let villageCodes: string[];
    try {
      if (input.villages?.length && input.perTown) throw new DomainError(ErrorCode.ValidationFailed, '抽查村请二选一：列出村（villages），或每个乡镇随机抽取若干村（perTown）');
      if (input.towns && !input.perTown) throw new DomainError(ErrorCode.ValidationFailed, '只选乡镇（towns）时，还须给出每个乡镇抽取的村数（perTown）');
      if (input.villages?.length) {
        const unknown = input.villages.filter((code) => !villageIndex.has(code));
        if (unknown.length) throw new DomainError(ErrorCode.ValidationFailed, `名单快照中没有这些村：${unknown.slice(0, 10).join('、')}`);
        villageCodes = [...new Set(input.villages)].sort();
        selection = { kind: 'list', villages: villageCodes };
      } else if (input.perTown) {
        const towns = input.towns ?? null;
        const candidates = roster.villages.filter((v) => (towns ? towns.includes(v.townCode) : true) && inScope(user, v.code));
        if (!candidates.length) throw new DomainError(ErrorCode.ValidationFailed, '所选乡镇中没有可抽取的村');
        villageCodes = drawVillages(seed, candidates, input.perTown);
        selection = { kind: 'per-town', perTown: input.perTown, towns };
      } else {
        throw new DomainError(ErrorCode.ValidationFailed, '请选择抽查村（villages），或给出每个乡镇抽取的村数（perTown）');
      }
      const outside = villageCodes.filter((code) => !inScope(user, code));
      if (outside.length) throw new DomainError(ErrorCode.ValidationFailed, `这些村不在您负责的范围内：${outside.slice(0, 10).join('、')}`);
      const chosen = new Set(villageCodes);
      const towns = new Set(villageCodes.map((code) => villageIndex.get(code)!.townCode));
      const settings = resolveSettings(input.settings as SamplingSettingsInput | undefined);
      const record = draw({
        seed,
        households: roster.households.filter((h) => chosen.has(h.villageCode)),
        settings,
        projects: roster.projects.filter((p) => (p.villageCode ? chosen.has(p.villageCode) : towns.has(p.townCode))),
        assets: roster.assets.filter((a) => chosen.has(a.villageCode)),
        cadres: roster.cadres.filter((c) => chosen.has(c.villageCode)),
        villages: roster.villages.filter((v) => chosen.has(v.code)),
        revealSeed: false,
      });
      for (const village of record.villages) {
        for (const taker of village.quiz) taker.questionIds = drawQuizSet(QUIZ_BANK, { seed: taker.quizSeed }).map((q) => q.id);
      }
      return { seed: normaliseSeed(seed), commitment: record.commitment, drawRecord: record, settings, villageCodes, townCodes: [...towns].sort(), selection, quizBankVersion: BANK_VERSION };
    } catch (error) {
      if (error instanceof SamplingError) throw new DomainError(ErrorCode.ValidationFailed, `抽样设置有误：${error.zh}`);
      throw error;
    }
  }

  private view(row: PlanSummaryRow, record: DrawRecord | null): PlanDto {
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      snapshotId: row.snapshotId,
      rosterHash: record?.snapshotHash ?? null,
      commitment: row.commitment,
      seed: row.status === 'revealed' || row.status === 'completed' ? row.seed : null,
      selection: row.selection,
      villageCodes: row.villageCodes,
      townCodes: row.townCodes,
      households: record ? record.villages.reduce((n, v) => n + v.sampleSize, 0) : (row.households ?? null),
      redraws: row.redraws,
      quizBankVersion: row.quizBankVersion,
      createdAt: row.createdAt.toISOString(),
      sealedAt: iso(row.sealedAt),
      revealedAt: iso(row.revealedAt),
      completedAt: iso(row.completedAt),
    };
  }
}

export const STATUS_LABELS: Record<PlanStatus, string> = { draft: '草稿', sealed: '已封存', revealed: '已公开种子', completed: '已完成' };
