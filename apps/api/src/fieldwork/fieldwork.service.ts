import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ChecklistTemplate,
  type Conflict,
  type FieldPacketDto,
  type FieldProgressDto,
  FieldworkError,
  isUuid,
  MAX_PHOTO_BYTES,
  mergeStopRecords,
  type PhotoMeta,
  positionFlags,
  type StopRecord,
  type Substitution,
  type SyncResultDto,
  validatePhotoMeta,
  validateStopRecord,
  validateSubstitution,
  villageProgress,
  villageStops,
} from '@lookback/fieldwork';
import { QUIZ_BANK, toFieldQuestion } from '@lookback/quiz';
import type { VillageDraw } from '@lookback/sampling';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { FieldDayRow, PlanRow } from '../plans/plans.repository.js';
import { PlansService } from '../plans/plans.service.js';
import { SnapshotRostersService } from '../roster/snapshot-rosters.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { ChecklistTemplatesRepository } from './checklist-templates.repository.js';
import { FieldRecordsRepository } from './field-records.repository.js';

export type { FieldPacketDto, FieldProgressDto, SyncResultDto };

const BANK = new Map(QUIZ_BANK.map((q) => [q.id, q]));
/** Which stops a village has besides households, projects and assets. */
const STOP_OPTIONS = { village: true, documents: true, interviews: true };

/**
 * Field work (入户调查, 项目核查, 干部访谈): the offline packet an inspector downloads, the sync of
 * what the phone recorded (idempotent by client ids; merges never drop an answer), substitutions
 * from the draw's reserves, photos, and the day's sign-off. Rules: @lookback/fieldwork.
 */
@Injectable()
export class FieldworkService {
  constructor(
    private readonly teams: TeamsService,
    private readonly plans: PlansService,
    private readonly rosters: SnapshotRostersService,
    private readonly records: FieldRecordsRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly templates: ChecklistTemplatesRepository,
  ) {}

  async packet(user: CurrentUser, address: string, planId: string, date: string): Promise<FieldPacketDto> {
    const day = await this.teams.openDay(user, planId, date, true);
    const { plan, villageCodes } = day;
    const route = await this.teams.routeOfDay(user, address, day, date);
    const roster = await this.rosters.roster(plan.snapshotId);
    const households = new Map(roster.households.map((h) => [h.householdNo, h]));
    const villages = plan.drawRecord.villages
      .filter((v) => villageCodes.includes(v.villageCode))
      .map((draw) => {
        const expectedPositions: Record<string, { lat: number; lng: number }> = {};
        const codes = [...draw.sample.map((h) => h.householdNo), ...draw.strata.flatMap((s) => s.reserve.map((r) => r.householdNo))];
        for (const code of codes) {
          const h = households.get(code);
          if (h?.lat != null && h.lng != null) expectedPositions[code] = { lat: h.lat, lng: h.lng };
        }
        return {
          villageCode: draw.villageCode,
          draw,
          quiz: draw.quiz.map((q) => ({ cadreNo: q.cadreNo, role: q.role, questions: q.questionIds.map((id) => toFieldQuestion(BANK.get(id)!)) })),
          expectedPositions,
        };
      });
    return {
      route,
      templates: await this.templates.current(),
      villages,
      records: await this.records.findRecords(plan.id, villageCodes),
      substitutions: (await this.records.findSubstitutions(plan.id)).filter((s) => villageCodes.includes(s.villageCode)),
      signedOff: day.signedOff,
    };
  }

  async sync(user: CurrentUser, planId: string, date: string, deviceId: string, incoming: { records: StopRecord[]; substitutions: Substitution[] }): Promise<SyncResultDto> {
    const { plan, villageCodes, signedOff } = await this.teams.openDay(user, planId, date);
    refuseWhenSigned(signedOff);
    const draws = new Map(plan.drawRecord.villages.filter((v) => villageCodes.includes(v.villageCode)).map((v) => [v.villageCode, v]));
    const result: SyncResultDto = { acknowledged: { records: [], substitutions: [] }, rejected: [], conflicts: 0 };
    const templates = new Map<string, ChecklistTemplate>();
    for (const record of incoming.records) {
      const key = `${record.templateId}@${record.templateVersion}`;
      if (templates.has(key) || typeof record.templateId !== 'string' || !Number.isInteger(record.templateVersion)) continue;
      const template = await this.templates.version(record.templateId, record.templateVersion);
      if (template) templates.set(key, template);
    }
    const context: SyncContext = { user, plan, deviceId, draws, templates, result };
    let pending = incoming.records;
    // A batch of records only (nearly every batch) is merged optimistically: one read, one write that
    // stores a record only if its row is still the version read; records another phone changed in
    // between are read and merged again. Substitutions, and records that keep losing such races, go
    // through the locking path.
    if (!incoming.substitutions.length) {
      for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS && pending.length; attempt++) pending = await this.syncOptimistically(context, pending);
    }
    if (pending.length || incoming.substitutions.length) await this.syncLockedWithRetry(context, pending, incoming.substitutions);
    return result;
  }

  /** The locking path, run again (from a clean result) when PostgreSQL chose it as a deadlock's victim. */
  private async syncLockedWithRetry(context: SyncContext, records: StopRecord[], substitutions: Substitution[]): Promise<void> {
    const before = structuredClone(context.result);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.syncLocked(context, records, substitutions);
      } catch (error) {
        if (!isSerializationFailure(error) || attempt >= LOCKED_ATTEMPTS) throw error;
        // The transaction rolled back: nothing it added to the answer happened.
        Object.assign(context.result, structuredClone(before));
      }
    }
  }

  /** One optimistic round: the records it could not store because their rows changed meanwhile are returned. */
  private async syncOptimistically(context: SyncContext, records: StopRecord[]): Promise<StopRecord[]> {
    const { plan, result } = context;
    const ids = [...new Set(records.filter((r) => isUuid(r.clientId)).map((r) => r.clientId.toLowerCase()))];
    const { stored, versions, substitutions } = await this.records.findForMerge(plan.id, ids);
    const accepted = this.acceptRecords(context, records, substitutions);
    if (!accepted.length) return [];
    const { changed, conflicts, refused } = mergeAll(accepted, stored);
    refuseTaken(result, refused);
    let written: Set<string>;
    try {
      written = await this.records.writeIfUnchanged(plan.id, [...changed.values()], versions, conflicts, context.user.id);
    } catch (error) {
      // Two batches locking shared rows in a different order: the locking path serialises them.
      if (isSerializationFailure(error)) return accepted;
      throw error;
    }
    const retry: StopRecord[] = [];
    for (const record of accepted) {
      if (written.has(record.clientId.toLowerCase())) result.acknowledged.records.push(record.clientId);
      else if (!refused.includes(record)) retry.push(record);
    }
    result.conflicts += conflicts.filter((c) => written.has(c.clientId.toLowerCase())).length;
    return retry;
  }

  /** Checks and merges under locks: the plan's lock when substitutions come along, each record's lock always. */
  private async syncLocked(context: SyncContext, records: StopRecord[], substitutions: Substitution[]): Promise<void> {
    const { user, plan, deviceId, draws, result } = context;
    await this.records.transaction(async (tx) => {
      // Substitutions are checked against the plan's earlier ones, so a batch carrying any takes the
      // plan's lock first; a batch of records only does not wait for other batches of the plan.
      if (substitutions.length) await this.records.lockPlan(tx, plan.id);
      const subs = await this.records.findSubstitutions(plan.id, tx);
      for (const sub of substitutions) {
        const problems = this.checkSubstitution(sub, plan, deviceId, draws, subs);
        if (problems === 'stored') {
          result.acknowledged.substitutions.push(sub.clientId);
          continue;
        }
        if (problems.length) {
          result.rejected.push({ clientId: sub.clientId, problems });
          continue;
        }
        await this.records.insertSubstitution(tx, sub, user.id);
        subs.push(sub);
        result.acknowledged.substitutions.push(sub.clientId);
      }
      const accepted = this.acceptRecords(context, records, subs);
      if (!accepted.length) return;
      // Each record's merge is serialised by a lock on its client id (held to the commit): read,
      // merge in memory (in the batch's order; a client id sent twice merges twice), write once.
      const ids = accepted.map((r) => r.clientId);
      await this.records.lockRecords(tx, ids);
      const { changed, conflicts, refused } = mergeAll(accepted, await this.records.findRecordsById(tx, ids));
      refuseTaken(result, refused);
      for (const record of accepted) if (!refused.includes(record)) result.acknowledged.records.push(record.clientId);
      result.conflicts += conflicts.length;
      await this.records.upsertRecords(tx, [...changed.values()], user.id);
      await this.records.insertConflicts(tx, plan.id, conflicts);
    });
  }

  /** The records that pass their checks; the others are added to the result as rejected. */
  private acceptRecords(context: SyncContext, records: StopRecord[], subs: Substitution[]): StopRecord[] {
    const accepted: StopRecord[] = [];
    for (const record of records) {
      const problems = this.checkRecord(record, context.plan, context.deviceId, context.draws, subs, context.templates);
      if (problems.length) context.result.rejected.push({ clientId: record.clientId, problems });
      else accepted.push(record);
    }
    return accepted;
  }

  async photo(user: CurrentUser, planId: string, date: string, clientId: string, contentType: string, content: Buffer, meta: PhotoMeta): Promise<{ stored: boolean; sha256: string }> {
    const { plan, villageCodes, signedOff } = await this.teams.openDay(user, planId, date);
    refuseWhenSigned(signedOff);
    if (content.length > MAX_PHOTO_BYTES) {
      throw new DomainError(ErrorCode.ImportTooLarge, `照片过大（${(content.length / 1024 / 1024).toFixed(1)} MB），上限 ${MAX_PHOTO_BYTES / 1024 / 1024} MB：请在手机上压缩后重新上传`);
    }
    if (!isImage(content)) throw new DomainError(ErrorCode.ValidationFailed, '上传的内容不是 JPEG、PNG 或 WebP 照片');
    const problems = validatePhotoMeta({ ...meta, clientId, bytes: content.length });
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, `照片信息有误：${problems.join('；')}`);
    // A photo may arrive before its record (the outbox sends them apart); a record already stored
    // must be one of this day's stops, not another team's.
    const place = await this.records.findRecordPlace(meta.stopClientId);
    if (place && (place.planId !== plan.id || !villageCodes.includes(place.villageCode))) {
      throw new DomainError(ErrorCode.ValidationFailed, '照片所属的记录不在您今天的走访路线上');
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== meta.sha256) throw new DomainError(ErrorCode.ValidationFailed, '照片内容与校验值（SHA-256）不符，可能在传输中损坏，请重新上传');
    const existing = await this.records.findPhoto(clientId);
    if (existing) {
      if (existing.sha256 === sha256) return { stored: false, sha256 };
      throw new DomainError(ErrorCode.Conflict, '该照片编号已用于另一张照片');
    }
    const stored = await this.records.insertPhoto({ clientId, planId: plan.id, stopClientId: meta.stopClientId, sha256, contentType, meta, content, userId: user.id });
    return { stored, sha256 };
  }

  /** The team leader signs the day off (typed names of the members) once every village is done. */
  async signOff(user: CurrentUser, address: string, planId: string, date: string, names: string[]): Promise<void> {
    const day = await this.teams.openDay(user, planId, date);
    refuseUnlessLeader(user, day, '签字确认');
    const { plan, teamId, villageCodes } = day;
    const records = await this.records.findRecords(plan.id, villageCodes);
    const subs = await this.records.findSubstitutions(plan.id);
    const open = plan.drawRecord.villages
      .filter((v) => villageCodes.includes(v.villageCode))
      .map((v) => ({ village: v, progress: villageProgress(v, records, subs, STOP_OPTIONS) }))
      .filter((v) => !v.progress.done);
    if (open.length) {
      const detail = open.map((v) => `${v.village.villageName}还有 ${v.progress.pending.length} 处未完成`).join('；');
      throw new DomainError(ErrorCode.Conflict, `还不能签字确认：${detail}`);
    }
    await this.records.sign(plan.id, teamId, date, names, user.id);
    await this.accessLog.append(user, 'sign-off', 'plan-day', `${plan.id}/${date}`, address, { names });
  }

  async reopen(user: CurrentUser, address: string, planId: string, date: string, reason: string): Promise<void> {
    const day = await this.teams.openDay(user, planId, date);
    refuseUnlessLeader(user, day, '重新开放');
    const { plan, teamId } = day;
    if (!(await this.records.reopen(plan.id, teamId, date, reason, user.id))) throw new DomainError(ErrorCode.Conflict, '这一天还没有签字确认，无需重新开放');
    await this.accessLog.append(user, 'reopen', 'plan-day', `${plan.id}/${date}`, address, { reason });
  }

  /** For planners: progress per village, substitutions, conflicts, position flags, sign-offs. */
  async progress(user: CurrentUser, planId: string): Promise<FieldProgressDto> {
    const plan = await this.plans.visible(user, planId);
    const [records, subs, conflicts, signoffs, photos, roster] = await Promise.all([
      this.records.findRecords(plan.id, null),
      this.records.findSubstitutionsWithReceiver(plan.id),
      this.records.findConflicts(plan.id),
      this.records.findSignoffs(plan.id),
      this.records.countPhotos(plan.id),
      this.rosters.roster(plan.snapshotId),
    ]);
    const households = new Map(roster.households.map((h) => [h.householdNo, h]));
    const flags = records
      .filter((r) => r.position)
      .map((r) => {
        const h = r.stopKind === 'household' ? households.get(r.stopCode) : undefined;
        const expected = h && h.lat != null && h.lng != null ? { lat: h.lat, lng: h.lng } : null;
        return { clientId: r.clientId, stopCode: r.stopCode, flags: positionFlags(r.position!, expected) };
      })
      .filter((f) => f.flags.length);
    return {
      villages: plan.drawRecord.villages.map((v) => ({ villageCode: v.villageCode, ...villageProgress(v, records, subs, STOP_OPTIONS) })),
      substitutions: subs,
      conflicts,
      positionFlags: flags,
      photos: [...photos.values()].reduce((a, b) => a + b, 0),
      signoffs: signoffs.map((s) => ({ ...s, signedAt: s.signedAt.toISOString(), reopenedAt: s.reopenedAt?.toISOString() ?? null })),
    };
  }

  private checkSubstitution(sub: Substitution, plan: PlanRow, deviceId: string, draws: Map<string, VillageDraw>, previous: Substitution[]): string[] | 'stored' {
    const same = previous.find((p) => p.clientId === sub.clientId);
    if (same) return same.absentHouseholdNo === sub.absentHouseholdNo && same.replacementHouseholdNo === sub.replacementHouseholdNo ? 'stored' : ['该替换编号已用于另一次替换'];
    if (sub.planId !== plan.id) return ['替换记录不属于本方案'];
    if (sub.deviceId !== deviceId) return ['替换记录的设备编号与本次同步不符'];
    const draw = draws.get(sub.villageCode);
    if (!draw) return [`村 ${sub.villageCode} 不在今天的走访安排中`];
    return validateSubstitution(sub, draw, previous);
  }

  private checkRecord(record: StopRecord, plan: PlanRow, deviceId: string, draws: Map<string, VillageDraw>, subs: Substitution[], templates: Map<string, ChecklistTemplate>): string[] {
    if (!isUuid(record.clientId)) return ['记录编号（clientId）应为设备生成的 UUID'];
    if (record.planId !== plan.id) return ['记录不属于本方案'];
    if (record.deviceId !== deviceId) return ['记录的设备编号与本次同步不符'];
    const draw = draws.get(record.villageCode);
    if (!draw) return [`村 ${record.villageCode} 不在今天的走访安排中`];
    const expected = villageStops(draw, subs, STOP_OPTIONS).some((s) => s.stopKind === record.stopKind && s.stopCode === record.stopCode);
    if (!expected) return [`${record.stopCode} 不是本村应走访的对象（未抽中，也不是已登记的替补户）`];
    const template = templates.get(`${record.templateId}@${record.templateVersion}`);
    if (!template) return [`没有排查表 ${record.templateId}（第 ${record.templateVersion} 版）`];
    return validateStopRecord(record, template);
  }
}


function isImage(b: Buffer): boolean {
  const jpeg = b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const png = b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const webp = b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
  return jpeg || png || webp;
}

/** Attempts of the optimistic merge before a batch's remaining records take the locking path. */
const OPTIMISTIC_ATTEMPTS = 3;
/** Attempts of the locking path when PostgreSQL breaks a deadlock by aborting it. */
const LOCKED_ATTEMPTS = 3;

interface SyncContext {
  user: CurrentUser;
  plan: PlanRow;
  deviceId: string;
  draws: Map<string, VillageDraw>;
  templates: Map<string, ChecklistTemplate>;
  result: SyncResultDto;
}

/** 责任组长签字: signing a team's day off, and reopening it, is its leader's (a team without one: any member). */
function refuseUnlessLeader(user: CurrentUser, day: FieldDayRow, what: string): void {
  if (day.leaderId !== null && day.leaderId !== user.id) {
    throw new DomainError(ErrorCode.Forbidden, `只有本组组长${day.leaderName ? `（${day.leaderName}）` : ''}可以${what}这一天`);
  }
}

function refuseWhenSigned(signedOff: boolean): void {
  if (signedOff) throw new DomainError(ErrorCode.Conflict, '这一天已经签字确认，需先“重新开放”（会被记录）才能修改');
}

/**
 * Merges the batch into the stored records in the batch's order (a client id sent twice merges
 * twice): the rows to write, one per client id, the conflicts in the order they arose, and the
 * records whose client id is already a different stop's (refused, not merged: see IDENTITY_TAKEN).
 */
function mergeAll(accepted: StopRecord[], stored: Map<string, StopRecord>): { changed: Map<string, StopRecord>; conflicts: { clientId: string; conflict: Conflict }[]; refused: StopRecord[] } {
  const changed = new Map<string, StopRecord>();
  const conflicts: { clientId: string; conflict: Conflict }[] = [];
  const refused: StopRecord[] = [];
  for (const record of accepted) {
    const key = record.clientId.toLowerCase();
    let merged: ReturnType<typeof mergeStopRecords>;
    try {
      merged = mergeStopRecords(stored.get(key) ?? null, record);
    } catch (error) {
      if (!(error instanceof FieldworkError && error.code === 'MERGE_IDENTITY_MISMATCH')) throw error;
      refused.push(record);
      continue;
    }
    stored.set(key, merged.merged);
    changed.set(key, merged.merged);
    for (const conflict of merged.conflicts) conflicts.push({ clientId: record.clientId, conflict });
  }
  return { changed, conflicts, refused };
}

/**
 * A client id the server already holds for another stop (another village, stop or checklist):
 * phones generate ids at random, so this is a broken or hostile client. The record is refused on
 * its own (the rest of the batch goes on), saying no more than that the id is taken.
 */
const IDENTITY_TAKEN = '记录编号已被另一条记录使用，此记录未保存（记录编号应由手机随机生成）';

function refuseTaken(result: SyncResultDto, refused: StopRecord[]): void {
  for (const record of refused) result.rejected.push({ clientId: record.clientId, problems: [IDENTITY_TAKEN] });
}

/** PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001). */
function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}
