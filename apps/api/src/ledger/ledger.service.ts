import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addDays,
  chinaDate,
  DEFAULT_DEADLINE_DAYS,
  type GenerateLedgerResultDto,
  isDueSoon,
  isOverdue,
  type LedgerAction,
  LEDGER_STATUS_LABELS,
  LEDGER_STATUSES,
  type LedgerFindingDto,
  type LedgerItemDetailDto,
  type LedgerItemDto,
  type LedgerListDto,
  type LedgerNature,
  type LedgerStatus,
  type PlanFindingDto,
} from '@lookback/contracts';
import { findings, isUuid, PROBLEM_TYPES, type StopRecord, templateItem } from '@lookback/fieldwork';
import { ChecklistTemplatesRepository } from '../fieldwork/checklist-templates.repository.js';
import type { EntityManager } from 'typeorm';
import { type CurrentUser, inScope } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { PlansService } from '../plans/plans.service.js';
import type { CreateLedgerItemDto, GenerateLedgerDto, UpdateLedgerItemDto } from './dto.js';
import { type LedgerFilter, type LedgerItemRow, LedgerRepository, type LedgerVisibility, type PlanFindingRow } from './ledger.repository.js';

const hidden = () => new DomainError(ErrorCode.NotFound, '整改事项不存在');
const iso = (d: Date | null) => d?.toISOString() ?? null;
/** Evidence: photos and documents up to 10 MB each. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Plan statuses after the visits: the villages visited are no longer secret (seed revealed). */
const ISSUABLE_PLAN_STATUSES = ['revealed', 'completed'];

export type LedgerTransition = 'start' | 'submit' | 'close' | 'send-back';

/**
 * The rectification ledger (整改台账). Who sees what:
 * - planners: every item of their towns; an item of a plan only when they may see the plan;
 * - leaders (read-only): issued items of their towns, of completed plans (or no plan);
 * - rectifiers (责任单位): issued items whose town is in their scope, nothing else (404).
 * Plan secrecy (四不两直): an item reaches rectifiers only once issued, and items of a plan can be
 * issued only after the plan's seed is revealed (after the visits), so no rectifier learns from
 * the ledger which villages a running plan covers.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly plans: PlansService,
    private readonly clock: Clock,
    private readonly templates: ChecklistTemplatesRepository,
  ) {}

  today(): string {
    return chinaDate(this.clock.now());
  }

  visibility(user: CurrentUser): LedgerVisibility {
    switch (user.role) {
      case 'planner':
        return { towns: user.scopeTowns, issuedOnly: false, completedPlansOnly: false, planWithinTowns: true };
      case 'leader':
        return { towns: user.scopeTowns, issuedOnly: true, completedPlansOnly: true, planWithinTowns: true };
      case 'rectifier':
        return { towns: user.scopeTowns ?? [], issuedOnly: true, completedPlansOnly: false, planWithinTowns: false };
      default:
        return { towns: [], issuedOnly: true, completedPlansOnly: true, planWithinTowns: true };
    }
  }

  async list(user: CurrentUser, filter: Omit<LedgerFilter, 'today'>): Promise<LedgerListDto> {
    const today = this.today();
    if (filter.status && !LEDGER_STATUSES.includes(filter.status)) throw new DomainError(ErrorCode.ValidationFailed, `状态“${filter.status}”无效，应为 ${LEDGER_STATUSES.join('、')} 之一`);
    // A 责任单位 never learns that a plan exists: no plan on its items, and a plan filter finds
    // nothing whatever the id (the same answer for a real plan as for none).
    const rows = user.role === 'rectifier' && filter.planId ? [] : await this.ledger.list(this.visibility(user), { ...filter, today });
    const items = rows.map((r) => this.viewFor(user, r, today));
    const counts = { pending: 0, 'in-progress': 0, 'awaiting-review': 0, closed: 0, overdue: 0 };
    for (const item of items) {
      counts[item.status]++;
      if (item.overdue) counts.overdue++;
    }
    return { items, today, counts };
  }

  /** Rows for exports and other modules, with the caller's visibility. */
  async rows(user: CurrentUser, filter: Omit<LedgerFilter, 'today'>): Promise<LedgerItemRow[]> {
    if (user.role === 'rectifier' && filter.planId) return [];
    return this.ledger.list(this.visibility(user), { ...filter, today: this.today() });
  }

  async detail(user: CurrentUser, id: string): Promise<LedgerItemDetailDto> {
    const row = await this.visible(user, id);
    const [events, files, found] = await Promise.all([this.ledger.events(row.id), this.ledger.evidenceList(row.id, user.id), this.ledger.itemFindings(row.id)]);
    await this.templates.load(found.map((f) => f.record));
    const actions = this.actions(user, row);
    const evidenceFiles = files.map(({ ownUnseen, ...file }) => ({ ...file, removable: ownUnseen && actions.includes('upload') }));
    return { ...this.viewFor(user, row, this.today()), events, evidenceFiles, findingList: found.flatMap((f) => this.findingDtos(f)), actions };
  }

  /** The plan's findings, each with the item it is already in (for merging before generating). */
  async planFindings(user: CurrentUser, planId: string): Promise<PlanFindingDto[]> {
    const plan = await this.plans.visible(user, planId);
    const [records, linked] = await Promise.all([this.ledger.planRecords(plan.id), this.ledger.linkedFindings(plan.id)]);
    await this.templates.load(records.map((r) => r.record));
    return records.flatMap((r) =>
      this.findingDtos(r).map((f) => {
        const key = `${f.stopClientId}:${f.answerItemId}`;
        const item = linked.get(key);
        return { ...f, key, townCode: r.townCode, itemId: item?.itemId ?? null, itemSeq: item?.seq ?? null };
      }),
    );
  }

  /**
   * One item per finding, or one per group in `merge` (共性问题). Findings already in an item are
   * skipped, so generating twice adds nothing. 责任单位 defaults to the village's town; 完成时限 to
   * today + DEFAULT_DEADLINE_DAYS of the problem type (or the caller's days per type).
   */
  async generate(user: CurrentUser, planId: string, input: GenerateLedgerDto): Promise<GenerateLedgerResultDto> {
    const plan = await this.plans.visible(user, planId);
    if (plan.status === 'draft') throw new DomainError(ErrorCode.Conflict, '方案尚未封存，没有走访记录，不能生成整改台账');
    const deadlineDays = { ...DEFAULT_DEADLINE_DAYS, ...(input.deadlineDays ?? {}) };
    for (const [type, days] of Object.entries(input.deadlineDays ?? {})) {
      if (!(PROBLEM_TYPES as readonly string[]).includes(type)) throw new DomainError(ErrorCode.ValidationFailed, `deadlineDays 中的问题类型“${type}”无效`);
      if (days !== null && (!Number.isInteger(days) || days < 0 || days > 3650)) throw new DomainError(ErrorCode.ValidationFailed, `“${type}”的完成天数应为 0–3650 的整数，或 null（长期坚持）`);
    }
    const now = this.clock.now();
    const today = chinaDate(now);
    return this.ledger.transaction(async (tx) => {
      await this.ledger.lockPlan(tx, plan.id);
      const records = await this.ledger.planRecords(plan.id, tx);
      await this.templates.load(records.map((r) => r.record));
      const linked = await this.ledger.linkedFindings(plan.id, tx);
      const all = new Map<string, { finding: LedgerFindingDto; townCode: string }>();
      for (const r of records) for (const f of this.findingDtos(r)) all.set(`${f.stopClientId}:${f.answerItemId}`, { finding: f, townCode: r.townCode });
      const groups: string[][] = [];
      const grouped = new Set<string>();
      for (const [n, group] of (input.merge ?? []).entries()) {
        const keys = [...new Set(group)];
        for (const key of keys) {
          if (!all.has(key)) throw new DomainError(ErrorCode.ValidationFailed, `第 ${n + 1} 组中的“${key}”不是本方案的发现问题`);
          if (grouped.has(key)) throw new DomainError(ErrorCode.ValidationFailed, `发现问题“${key}”出现在多个合并组中`);
          grouped.add(key);
        }
        const towns = new Set(keys.map((k) => all.get(k)!.townCode));
        if (towns.size > 1) throw new DomainError(ErrorCode.ValidationFailed, `第 ${n + 1} 组的问题属于不同乡镇，责任单位不同，不能合并为一条`);
        const types = new Set(keys.map((k) => all.get(k)!.finding.problemType));
        if (types.size > 1) throw new DomainError(ErrorCode.ValidationFailed, `第 ${n + 1} 组的问题类型不同（${[...types].join('、')}），不能合并为一条`);
        groups.push(keys);
      }
      for (const key of all.keys()) if (!grouped.has(key)) groups.push([key]);
      const towns = await this.townNames(tx);
      let created = 0;
      let skipped = 0;
      const ids: string[] = [];
      for (const keys of groups) {
        const fresh = keys.filter((k) => !linked.has(k));
        skipped += keys.length - fresh.length;
        if (!fresh.length) continue;
        const found = fresh.map((k) => all.get(k)!);
        const first = found[0].finding;
        const villages = new Set(found.map((f) => f.finding.villageCode));
        const days = deadlineDays[first.problemType];
        const check = this.checkOf(records.find((r) => r.stopClientId === first.stopClientId)!.record, first.answerItemId);
        const id = await this.ledger.insert(
          tx,
          {
            planId: plan.id,
            townCode: found[0].townCode,
            villageCode: villages.size === 1 ? first.villageCode : null,
            problemType: first.problemType,
            severity: worstSeverity(found.map((f) => f.finding.severity)),
            nature: fresh.length > 1 ? '共性问题' : '个性问题',
            checkCategory: check?.category ?? null,
            checkSubArea: check?.subArea ?? null,
            checkText: check?.text ?? null,
            description: [...new Set(found.map((f) => f.finding.description.trim()))].join('；'),
            measures: '',
            deadline: days === null || days === undefined ? null : addDays(today, days),
            responsibleUnit: unitOfTown(towns.get(found[0].townCode) ?? found[0].townCode),
            responsiblePerson: '',
            source: 'findings',
            createdBy: user.id,
          },
          now,
        );
        await this.ledger.linkFindings(
          tx,
          id,
          found.map((f) => ({ stopClientId: f.finding.stopClientId, answerItemId: f.finding.answerItemId })),
        );
        await this.ledger.event(tx, { itemId: id, at: now, actorId: user.id, kind: 'created', to: 'pending', note: `由 ${fresh.length} 个发现问题生成` });
        ids.push(id);
        created++;
      }
      const items: LedgerItemDto[] = [];
      for (const id of ids) items.push(this.view((await this.ledger.find(id, null, tx))!, today));
      return { created, skipped, items };
    });
  }

  async create(user: CurrentUser, input: CreateLedgerItemDto): Promise<LedgerItemDto> {
    if (!inScope(user, input.townCode)) throw new DomainError(ErrorCode.ValidationFailed, `乡镇 ${input.townCode} 不在您的管理范围内`);
    if (input.planId) await this.plans.visible(user, input.planId);
    const now = this.clock.now();
    const description = input.description.trim();
    if (description.length < 2) throw new DomainError(ErrorCode.ValidationFailed, '请填写问题表述（至少 2 个字）');
    const unit = input.responsibleUnit?.trim() ?? '';
    if (unit.length === 1) throw new DomainError(ErrorCode.ValidationFailed, '责任单位至少 2 个字（留空则为乡镇人民政府）');
    checkDeadline(input.deadline ?? null, chinaDate(now));
    return this.ledger.transaction(async (tx) => {
      const towns = await this.townNames(tx);
      if (!towns.has(input.townCode)) throw new DomainError(ErrorCode.ValidationFailed, `乡镇代码 ${input.townCode} 不存在`);
      if (input.villageCode) {
        const [village]: { townCode: string }[] = await tx.query(`SELECT town_code AS "townCode" FROM village WHERE code = $1`, [input.villageCode]);
        if (!village) throw new DomainError(ErrorCode.ValidationFailed, `村代码 ${input.villageCode} 不存在`);
        if (village.townCode !== input.townCode) throw new DomainError(ErrorCode.ValidationFailed, `村 ${input.villageCode} 不属于乡镇 ${input.townCode}`);
      }
      await this.ledger.lockPlan(tx, input.planId ?? null);
      const id = await this.ledger.insert(
        tx,
        {
          planId: input.planId ?? null,
          townCode: input.townCode,
          villageCode: input.villageCode ?? null,
          problemType: input.problemType,
          severity: null,
          nature: input.nature,
          checkCategory: null,
          checkSubArea: null,
          checkText: null,
          description,
          measures: input.measures?.trim() ?? '',
          deadline: input.deadline ?? null,
          responsibleUnit: unit || unitOfTown(towns.get(input.townCode)!),
          responsiblePerson: input.responsiblePerson?.trim() ?? '',
          source: 'manual',
          createdBy: user.id,
        },
        now,
      );
      await this.ledger.event(tx, { itemId: id, at: now, actorId: user.id, kind: 'created', to: 'pending', note: '手工添加' });
      return this.view((await this.ledger.find(id, null, tx))!, chinaDate(now));
    });
  }

  /** Planners edit every column of an open item; rectifiers only 整改情况 and the responsible person. */
  async update(user: CurrentUser, id: string, input: UpdateLedgerItemDto): Promise<LedgerItemDetailDto> {
    const now = this.clock.now();
    await this.ledger.transaction(async (tx) => {
      const row = await this.visibleForUpdate(tx, user, id);
      if (row.status === 'closed') throw new DomainError(ErrorCode.Conflict, '已销号的事项不能再修改');
      if (user.role !== 'planner' && !this.actions(user, row).includes('note')) {
        throw new DomainError(ErrorCode.Conflict, `当前状态为“${LEDGER_STATUS_LABELS[row.status]}”，等待督查组核验期间不能修改；如需补充，请等退回后再改`);
      }
      const planner: Record<string, keyof UpdateLedgerItemDto> = {
        problem_type: 'problemType',
        nature: 'nature',
        description: 'description',
        measures: 'measures',
        deadline: 'deadline',
        responsible_unit: 'responsibleUnit',
      };
      const both: Record<string, keyof UpdateLedgerItemDto> = { responsible_person: 'responsiblePerson', progress_note: 'progressNote' };
      const fields: Record<string, unknown> = {};
      const changed: string[] = [];
      const allowed = user.role === 'planner' ? { ...planner, ...both } : both;
      for (const [key, value] of Object.entries(input)) {
        if (value === undefined) continue;
        const column = Object.entries(allowed).find(([, k]) => k === key)?.[0];
        if (!column) throw new DomainError(ErrorCode.Forbidden, `责任单位不能修改“${FIELD_LABELS[key] ?? key}”，请联系督查组`);
        const next = typeof value === 'string' && key !== 'deadline' ? value.trim() : value;
        if ((key === 'description' || key === 'responsibleUnit') && String(next).length < 2) throw new DomainError(ErrorCode.ValidationFailed, `${FIELD_LABELS[key]}至少 2 个字`);
        if (key === 'deadline' && next !== row.deadline) checkDeadline(next as string | null, chinaDate(now));
        fields[column] = next;
        changed.push(FIELD_LABELS[key] ?? key);
      }
      if (!changed.length) return;
      await this.ledger.update(tx, row.id, fields, now);
      await this.ledger.event(tx, { itemId: row.id, at: now, actorId: user.id, kind: 'edited', note: `修改了${changed.join('、')}` });
    });
    return this.detail(user, id);
  }

  /** Sends items to their units. Items of a plan only once the plan's seed is revealed. */
  async issue(user: CurrentUser, ids: string[]): Promise<{ issued: number }> {
    const now = this.clock.now();
    const issued: LedgerItemRow[] = [];
    await this.ledger.transaction(async (tx) => {
      for (const id of ids) {
        const row = await this.visibleForUpdate(tx, user, id);
        if (row.issuedAt) continue;
        if (row.planId && !ISSUABLE_PLAN_STATUSES.includes(row.planStatus ?? '')) {
          throw new DomainError(ErrorCode.Conflict, `第 ${row.seq} 条所属方案尚未公开种子（走访结束前须保密），暂不能下发给责任单位`);
        }
        await this.ledger.update(tx, row.id, { issued_at: now, issued_by: user.id }, now);
        await this.ledger.event(tx, { itemId: row.id, at: now, actorId: user.id, kind: 'issued', note: `下发至${row.responsibleUnit}` });
        issued.push(row);
      }
    });
    for (const row of issued) {
      const { rectifiers } = await this.ledger.recipients(row.townCode, row.createdBy);
      await this.ledger.notify(null, {
        userIds: rectifiers,
        unitTownCode: row.townCode,
        kind: 'issued',
        itemId: row.id,
        text: `新的整改任务（第 ${row.seq} 条，${row.problemType}）：${short(row.description)}${row.deadline ? `，完成时限 ${row.deadline}` : '，长期坚持'}`,
        dedupeKey: `ledger:${row.id}:issued`,
        at: now,
      });
    }
    return { issued: issued.length };
  }

  async issuePlan(user: CurrentUser, planId: string): Promise<{ issued: number }> {
    const plan = await this.plans.visible(user, planId);
    const rows = await this.ledger.list(this.visibility(user), { planId: plan.id, today: this.today() });
    return this.issue(user, rows.filter((r) => !r.issuedAt).map((r) => r.id));
  }

  /**
   * 待整改 → 整改中 → 已整改待核验 (evidence and 整改情况 required) → 已销号 (a planner other than
   * the rectifier who submitted) or back to 整改中 (退回, with a reason). Every step is logged.
   */
  async transition(user: CurrentUser, id: string, action: LedgerTransition, note: string | undefined): Promise<LedgerItemDetailDto> {
    const now = this.clock.now();
    const text = note?.trim() ?? '';
    await this.ledger.transaction(async (tx) => {
      const row = await this.visibleForUpdate(tx, user, id);
      if (!this.actions(user, row).includes(action)) {
        if ((action === 'close' || action === 'send-back') && user.role !== 'planner') throw new DomainError(ErrorCode.Forbidden, '只有督查组可以核验销号或退回');
        if (action === 'close' && row.submittedBy === user.id) throw new DomainError(ErrorCode.Forbidden, '提交整改的人不能为自己核验销号，请由其他督查组成员核验');
        throw new DomainError(ErrorCode.Conflict, `当前状态为“${LEDGER_STATUS_LABELS[row.status]}”，不能${ACTION_LABELS[action]}`);
      }
      let to: LedgerStatus;
      const fields: Record<string, unknown> = {};
      switch (action) {
        case 'start':
          to = 'in-progress';
          break;
        case 'submit': {
          const progress = text || row.progressNote;
          if (!progress.trim()) throw new DomainError(ErrorCode.ValidationFailed, '请填写整改情况后再提交核验');
          if (row.evidence < 1) throw new DomainError(ErrorCode.ValidationFailed, '请至少上传一张整改照片或一份佐证材料后再提交核验');
          to = 'awaiting-review';
          Object.assign(fields, { progress_note: progress.trim(), submitted_by: user.id, submitted_at: now });
          break;
        }
        case 'close':
          to = 'closed';
          Object.assign(fields, { reviewed_by: user.id, reviewed_at: now, completed_on: chinaDate(now) });
          break;
        case 'send-back':
          if (text.length < 4) throw new DomainError(ErrorCode.ValidationFailed, '请说明退回的原因（至少 4 个字）');
          to = 'in-progress';
          Object.assign(fields, { reviewed_by: user.id, reviewed_at: now, submitted_by: null, submitted_at: null, completed_on: null });
          break;
      }
      await this.ledger.update(tx, row.id, { ...fields, status: to }, now);
      const logged = action === 'submit' ? String(fields.progress_note) : text;
      await this.ledger.event(tx, { itemId: row.id, at: now, actorId: user.id, kind: 'transition', from: row.status, to, note: logged });
      if (action === 'send-back' || action === 'close') {
        const { rectifiers } = await this.ledger.recipients(row.townCode, row.createdBy);
        await this.ledger.notify(tx, {
          userIds: rectifiers,
          unitTownCode: row.townCode,
          kind: action,
          itemId: row.id,
          text: action === 'close' ? `第 ${row.seq} 条整改事项已核验销号` : `第 ${row.seq} 条整改事项被退回重新整改：${short(text)}`,
          dedupeKey: `ledger:${row.id}:${action}:${now.toISOString()}`,
          at: now,
        });
      }
      if (action === 'submit') {
        const { planners } = await this.ledger.recipients(row.townCode, row.createdBy);
        await this.ledger.notify(tx, {
          userIds: planners,
          unitTownCode: null,
          kind: 'submitted',
          itemId: row.id,
          text: `${row.responsibleUnit}已提交第 ${row.seq} 条整改，待核验`,
          dedupeKey: `ledger:${row.id}:submit:${now.toISOString()}`,
          at: now,
        });
      }
    });
    return this.detail(user, id);
  }

  async uploadEvidence(user: CurrentUser, id: string, fileName: string, contentType: string, content: Buffer): Promise<{ id: string; stored: boolean; sha256: string }> {
    if (!content.length) throw new DomainError(ErrorCode.ValidationFailed, '上传的文件是空的');
    if (content.length > MAX_EVIDENCE_BYTES) throw new DomainError(ErrorCode.ImportTooLarge, `文件过大（${(content.length / 1024 / 1024).toFixed(1)} MB），上限 10 MB`);
    const kind = sniff(content);
    if (!kind) throw new DomainError(ErrorCode.ValidationFailed, '只能上传照片（JPEG、PNG、WebP）或文档（PDF、Word、Excel）');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const now = this.clock.now();
    return this.ledger.transaction(async (tx) => {
      const row = await this.visibleForUpdate(tx, user, id);
      if (!this.actions(user, row).includes('upload')) throw new DomainError(ErrorCode.Conflict, `当前状态为“${LEDGER_STATUS_LABELS[row.status]}”，不能再上传佐证材料`);
      const name = cleanFileName(fileName, kind.ext);
      const result = await this.ledger.insertEvidence(tx, { itemId: row.id, sha256, fileName: name, contentType: kind.type, content, userId: user.id, at: now });
      if (result.stored) {
        await this.ledger.update(tx, row.id, {}, now);
        await this.ledger.event(tx, { itemId: row.id, at: now, actorId: user.id, kind: 'evidence', note: `上传 ${name}` });
      }
      return { ...result, sha256 };
    });
  }

  /**
   * Takes back a wrong file: only its uploader, only while the item is being rectified, and only
   * before it went to review with a submission (what a reviewer saw stays, as the history does).
   */
  async removeEvidence(user: CurrentUser, id: string, evidenceId: string): Promise<LedgerItemDetailDto> {
    if (!isUuid(evidenceId)) throw new DomainError(ErrorCode.NotFound, '佐证材料不存在');
    const now = this.clock.now();
    await this.ledger.transaction(async (tx) => {
      const row = await this.visibleForUpdate(tx, user, id);
      if (!this.actions(user, row).includes('upload')) throw new DomainError(ErrorCode.Conflict, `当前状态为“${LEDGER_STATUS_LABELS[row.status]}”，不能删除佐证材料`);
      const file = await this.ledger.removeEvidence(tx, row.id, evidenceId, user.id);
      if (!file) throw new DomainError(ErrorCode.NotFound, '佐证材料不存在');
      if (!file.own) throw new DomainError(ErrorCode.Forbidden, '只能删除自己上传的佐证材料');
      if (file.seen) throw new DomainError(ErrorCode.Conflict, '这份材料已随整改提交核验，不能删除；可以上传新的材料');
      await this.ledger.update(tx, row.id, {}, now);
      await this.ledger.event(tx, { itemId: row.id, at: now, actorId: user.id, kind: 'evidence-removed', note: `删除 ${file.fileName}` });
    });
    return this.detail(user, id);
  }

  async evidence(user: CurrentUser, id: string, evidenceId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const row = await this.visible(user, id);
    if (!isUuid(evidenceId)) throw new DomainError(ErrorCode.NotFound, '佐证材料不存在');
    const file = await this.ledger.evidenceContent(row.id, evidenceId);
    if (!file) throw new DomainError(ErrorCode.NotFound, '佐证材料不存在');
    return file;
  }

  async visible(user: CurrentUser, id: string): Promise<LedgerItemRow> {
    if (!isUuid(id)) throw hidden();
    const row = await this.ledger.find(id, this.visibility(user));
    if (!row) throw hidden();
    return row;
  }

  private async visibleForUpdate(tx: EntityManager, user: CurrentUser, id: string): Promise<LedgerItemRow> {
    if (!isUuid(id)) throw hidden();
    const row = await this.ledger.find(id, this.visibility(user), tx);
    if (!row) throw hidden();
    return row;
  }

  actions(user: CurrentUser, row: Pick<LedgerItemRow, 'status' | 'issuedAt' | 'submittedBy'>): LedgerAction[] {
    const out: LedgerAction[] = [];
    const rectifying = user.role === 'rectifier' || user.role === 'planner';
    if (user.role === 'planner' && row.status !== 'closed') out.push('edit');
    if (user.role === 'planner' && !row.issuedAt) out.push('issue');
    if (rectifying && row.status === 'pending') out.push('start');
    if (rectifying && row.status === 'in-progress') out.push('submit');
    if (rectifying && (row.status === 'pending' || row.status === 'in-progress')) out.push('upload', 'note');
    if (user.role === 'planner' && row.status === 'awaiting-review') {
      if (row.submittedBy !== user.id) out.push('close');
      out.push('send-back');
    }
    return out;
  }

  /** The item as `user` may read it: without its plan for a 责任单位. */
  private viewFor(user: CurrentUser, r: LedgerItemRow, today: string): LedgerItemDto {
    const item = this.view(r, today);
    return user.role === 'rectifier' ? { ...item, planId: null, planName: null } : item;
  }

  view(r: LedgerItemRow, today: string): LedgerItemDto {
    return {
      id: r.id,
      seq: r.seq,
      planId: r.planId,
      planName: r.planName,
      townCode: r.townCode,
      townName: r.townName,
      villageCode: r.villageCode,
      villageName: r.villageName,
      problemType: r.problemType,
      severity: r.severity,
      nature: r.nature,
      description: r.description,
      measures: r.measures,
      deadline: r.deadline,
      responsibleUnit: r.responsibleUnit,
      responsiblePerson: r.responsiblePerson,
      status: r.status,
      progressNote: r.progressNote,
      completedOn: r.completedOn,
      overdue: isOverdue(r, today),
      dueSoon: isDueSoon(r, today),
      source: r.source,
      issued: r.issuedAt !== null,
      issuedAt: iso(r.issuedAt),
      submittedBy: r.submittedByName,
      reviewedBy: r.reviewedByName,
      reviewedAt: iso(r.reviewedAt),
      findings: r.findings,
      evidence: r.evidence,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  private findingDtos(r: PlanFindingRow): LedgerFindingDto[] {
    return findings(r.record).map((a) => ({
      stopClientId: r.stopClientId,
      answerItemId: a.itemId,
      villageCode: r.villageCode,
      stopKind: r.stopKind,
      stopCode: r.stopCode,
      check: this.checkOf(r.record, a.itemId)?.text ?? a.itemId,
      description: a.problem.description,
      problemType: a.problem.problemType,
      severity: a.problem.severity,
    }));
  }

  /** The checklist item as the inspector saw it: the template version the record was filled against (loaded first). */
  private checkOf(record: Pick<StopRecord, 'templateId' | 'templateVersion'>, itemId: string) {
    const template = this.templates.cached(record.templateId, record.templateVersion);
    return template ? templateItem(template, itemId) : undefined;
  }

  private async townNames(tx: EntityManager): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await tx.query(`SELECT code, name FROM town`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}

const ACTION_LABELS: Record<LedgerTransition, string> = { start: '开始整改', submit: '提交核验', close: '核验销号', 'send-back': '退回重新整改' };
const FIELD_LABELS: Record<string, string> = {
  problemType: '问题类型',
  nature: '问题性质',
  description: '问题表述',
  measures: '整改措施',
  deadline: '完成时限',
  responsibleUnit: '责任单位',
  responsiblePerson: '责任人',
  progressNote: '整改情况',
};
const SEVERITY_ORDER = ['一般', '较重', '严重'];

function worstSeverity(values: string[]): string | null {
  return values.reduce<string | null>((worst, v) => (worst === null || SEVERITY_ORDER.indexOf(v) > SEVERITY_ORDER.indexOf(worst) ? v : worst), null);
}

/** 责任单位 by default: the town's government (街道: its 办事处). */
export function unitOfTown(name: string): string {
  return name.endsWith('街道') ? `${name}办事处` : `${name}人民政府`;
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function sniff(b: Buffer): { type: string; ext: string } | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { type: 'image/jpeg', ext: 'jpg' };
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { type: 'image/png', ext: 'png' };
  if (b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return { type: 'image/webp', ext: 'webp' };
  if (b.length > 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'application/pdf', ext: 'pdf' };
  if (b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const head = b.subarray(0, Math.min(b.length, 4096)).toString('latin1');
    if (head.includes('word/')) return { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
    if (head.includes('xl/')) return { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
    return null;
  }
  return null;
}

function cleanFileName(name: string, ext: string): string {
  const base = (name || '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 120);
  return base || `佐证材料.${ext}`;
}

export type { LedgerNature };

/** A new 完成时限 cannot lie in the past: the item would be issued already 逾期. */
function checkDeadline(deadline: string | null, today: string): void {
  if (deadline !== null && deadline < today) throw new DomainError(ErrorCode.ValidationFailed, `完成时限 ${deadline} 早于今天（${today}），请填写今天或以后的日期`);
}
