import { Inject, Injectable } from '@nestjs/common';
import { addDays, chinaInstant, type DayRouteDto, isCalendarDate, maskName, type MyDayDto, type RouteItemDto, type TeamDto, type VisitDto } from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import { assignVillages, routeDay, RoutingError } from '@lookback/routing';
import { type RosterInput } from '@lookback/roster';
import { STRATUM_LABELS } from '@lookback/sampling';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import type { CurrentUser } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { FieldDayRow, PlanRow } from '../plans/plans.repository.js';
import { PlansService } from '../plans/plans.service.js';
import { SnapshotRostersService } from '../roster/snapshot-rosters.service.js';
import { type TeamRow, TeamsRepository, type VisitRow } from './teams.repository.js';

const toTeam = ({ planId: _, ...team }: TeamRow): TeamDto => team;

/**
 * Teams, visit days and routes. Planners build them for plans they may see; an inspector sees
 * only the days of their own team, from the configured hour of the visit day, and then only the
 * villages, households and route of that day.
 */
@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly plans: PlansService,
    private readonly rosters: SnapshotRostersService,
    private readonly accessLog: AccessLogRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: CurrentUser, planId: string): Promise<TeamDto[]> {
    const plan = await this.plans.visible(user, planId);
    return (await this.teams.findForPlan(plan.id)).map(toTeam);
  }

  /** A team; its leader (组长) is `input.leader`, else the first member listed. */
  async create(
    user: CurrentUser,
    planId: string,
    input: { name: string; startLabel: string; startLat: number; startLng: number; members: string[]; leader?: string; homeTowns?: string[] },
  ): Promise<TeamDto> {
    const plan = await this.editable(user, planId);
    const usernames = [...new Set(input.members.map((m) => m.trim().toLowerCase()))];
    const leader = (input.leader ?? input.members[0] ?? '').trim().toLowerCase();
    if (!usernames.includes(leader)) throw new DomainError(ErrorCode.ValidationFailed, `组长 ${leader || '（未填）'} 应是本组成员之一`);
    const found = await this.teams.findUserIds(usernames);
    const missing = usernames.filter((u) => !found.some((f) => f.username === u));
    if (missing.length) throw new DomainError(ErrorCode.ValidationFailed, `没有这些账号：${missing.join('、')}`);
    const notInspectors = found.filter((f) => f.role !== 'inspector' || f.disabled);
    if (notInspectors.length) throw new DomainError(ErrorCode.ValidationFailed, `只有启用的督查员账号可以编入督查组：${notInspectors.map((f) => f.username).join('、')}`);
    const existing = await this.teams.findForPlan(plan.id);
    if (existing.some((t) => t.name === input.name.trim())) throw new DomainError(ErrorCode.Conflict, `本方案已有“${input.name.trim()}”`);
    const id = await this.teams.insert(
      plan.id,
      { name: input.name.trim(), startLabel: input.startLabel.trim(), startLat: input.startLat, startLng: input.startLng, homeTowns: input.homeTowns ?? [] },
      found.map((f) => f.id),
      found.find((f) => f.username === leader)!.id,
    );
    return toTeam((await this.teams.findForPlan(plan.id)).find((t) => t.id === id)!);
  }

  async remove(user: CurrentUser, planId: string, teamId: string): Promise<void> {
    const plan = await this.editable(user, planId);
    if (!(await this.teams.delete(plan.id, teamId))) throw new DomainError(ErrorCode.NotFound, '督查组不存在');
  }

  async schedule(user: CurrentUser, planId: string): Promise<VisitDto[]> {
    const plan = await this.plans.visible(user, planId);
    return this.teams.findVisits(plan.id);
  }

  async setSchedule(user: CurrentUser, planId: string, visits: VisitDto[]): Promise<VisitDto[]> {
    const plan = await this.editable(user, planId);
    const teams = await this.teams.findForPlan(plan.id);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [i, v] of visits.entries()) {
      const where = `第 ${i + 1} 条`;
      if (!plan.villageCodes.includes(v.villageCode)) problems.push(`${where}：村 ${v.villageCode} 不在本方案中`);
      if (seen.has(v.villageCode)) problems.push(`${where}：村 ${v.villageCode} 重复安排`);
      seen.add(v.villageCode);
      const team = teams.find((t) => t.id === v.teamId);
      if (!team) problems.push(`${where}：督查组 ${v.teamId} 不属于本方案`);
      else if (team.homeTowns.includes(v.villageCode.slice(0, 9) + '000')) problems.push(`${where}：“${team.name}”成员来自该乡镇，应当回避`);
      if (!isCalendarDate(v.visitDate)) problems.push(`${where}：日期 ${v.visitDate} 无效`);
    }
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, `走访安排有误：${problems.slice(0, 10).join('；')}`);
    await this.teams.replaceVisits(plan.id, visits);
    return this.teams.findVisits(plan.id);
  }

  /** Balanced automatic schedule: whole towns per team, no team in its home town, days of equal workload. */
  async autoSchedule(user: CurrentUser, planId: string, dates: string[]): Promise<VisitDto[]> {
    const plan = await this.editable(user, planId);
    const bad = dates.filter((d) => !isCalendarDate(d));
    if (bad.length) throw new DomainError(ErrorCode.ValidationFailed, `日期无效：${bad.join('、')}`);
    const days = [...new Set(dates)].sort();
    const teams = await this.teams.findForPlan(plan.id);
    if (!teams.length) throw new DomainError(ErrorCode.ValidationFailed, '请先建立督查组');
    const roster = await this.rosters.roster(plan.snapshotId);
    const centroid = new Map(roster.villages.map((v) => [v.code, v]));
    const villages = plan.drawRecord.villages.map((v) => ({
      code: v.villageCode,
      townCode: centroid.get(v.villageCode)!.townCode,
      lat: centroid.get(v.villageCode)!.lat,
      lng: centroid.get(v.villageCode)!.lng,
      load: v.sampleSize + v.projects.sample.length + v.assets.sample.length,
    }));
    try {
      const assignments = assignVillages(villages, teams.map((t) => ({ id: t.id, start: { lat: t.startLat, lng: t.startLng }, homeTowns: t.homeTowns })), days.length);
      await this.teams.replaceVisits(plan.id, assignments.map((a) => ({ villageCode: a.villageCode, teamId: a.teamId, visitDate: days[a.day] })));
    } catch (error) {
      if (error instanceof RoutingError) throw new DomainError(ErrorCode.ValidationFailed, `无法自动安排：${error.message.includes('no team may inspect') ? '所有督查组都来自某个乡镇，无法回避' : error.message}`);
      throw error;
    }
    return this.teams.findVisits(plan.id);
  }

  /** Every team-day of a plan, for the planner's map (names masked). */
  async routes(user: CurrentUser, planId: string): Promise<DayRouteDto[]> {
    const plan = await this.plans.visible(user, planId);
    const [teams, visits, roster] = await Promise.all([this.teams.findForPlan(plan.id), this.teams.findVisits(plan.id), this.rosters.roster(plan.snapshotId)]);
    const days = [...new Set(visits.map((v) => `${v.teamId}|${v.visitDate}`))].sort();
    return days.map((key) => {
      const [teamId, date] = key.split('|');
      return this.dayRoute(plan, roster, teams.find((t) => t.id === teamId)!, date, visits, false);
    });
  }

  /** The caller's team-days (inspectors). */
  async myDays(user: CurrentUser): Promise<MyDayDto[]> {
    const days = await this.teams.findDaysOfMember(user.id);
    const now = this.clock.now().getTime();
    return days
      .filter((d) => d.planStatus === 'sealed' || d.planStatus === 'revealed')
      .map(({ planStatus: _, ...d }) => {
        const opensAt = this.opensAt(d.visitDate);
        const closesAt = this.closesAt(d.visitDate);
        return { ...d, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), open: now >= opensAt.getTime() && now < closesAt.getTime() };
      });
  }

  /**
   * The plan and the villages of an inspector's open day: the one gate to everything an inspector
   * reads or records in the field. Anything else is "not found". What the phone recorded is taken
   * from the opening hour on, however late it arrives; what shows the drawn households unmasked
   * (the route, the packet: `reading`) only until the day closes.
   */
  async openDay(user: CurrentUser, planId: string, date: string, reading = false): Promise<FieldDayRow> {
    const day = isUuid(planId) && isCalendarDate(date) ? await this.plans.fieldDay(user.id, planId, date) : null;
    const now = this.clock.now().getTime();
    if (!day || now < this.opensAt(date).getTime()) throw new DomainError(ErrorCode.NotFound, '今天没有安排给您的走访路线');
    if (reading && now >= this.closesAt(date).getTime()) {
      throw new DomainError(ErrorCode.NotFound, `这一天的走访已于 ${addDays(date, this.config.visitReadableDays - 1)} 24:00 结束：路线和工作包不再提供（手机上未同步的记录仍可上传）`);
    }
    return day;
  }

  /** One day's route for an inspector of the team, from the opening hour of that day until it closes; else 404. */
  async myDay(user: CurrentUser, address: string, planId: string, date: string): Promise<DayRouteDto> {
    return this.routeOfDay(user, address, await this.openDay(user, planId, date, true), date);
  }

  /** The route of a day openDay has opened (logged as read, like myDay). */
  async routeOfDay(user: CurrentUser, address: string, day: FieldDayRow, date: string): Promise<DayRouteDto> {
    const { plan } = day;
    const [teams, visits, roster] = await Promise.all([this.teams.findForPlan(plan.id), this.teams.findVisits(plan.id), this.rosters.roster(plan.snapshotId)]);
    await this.accessLog.append(user, 'read', 'plan-day', `${plan.id}/${date}`, address, { team: day.teamName });
    return this.dayRoute(plan, roster, teams.find((t) => t.id === day.teamId)!, date, visits, true);
  }

  private opensAt(date: string): Date {
    return chinaInstant(date, this.config.visitOpensAt);
  }

  private closesAt(date: string): Date {
    return chinaInstant(addDays(date, this.config.visitReadableDays));
  }

  private async editable(user: CurrentUser, planId: string): Promise<PlanRow> {
    const plan = await this.plans.visible(user, planId);
    if (plan.status !== 'draft' && plan.status !== 'sealed') throw new DomainError(ErrorCode.Conflict, '种子公开后不能再调整督查组和走访安排');
    return plan;
  }

  private dayRoute(plan: PlanRow, roster: RosterInput, team: TeamRow, date: string, visits: VisitRow[], unmask: boolean): DayRouteDto {
    const villageIndex = new Map(roster.villages.map((v) => [v.code, v]));
    const households = new Map(roster.households.map((h) => [h.householdNo, h]));
    const projects = new Map(roster.projects.map((p) => [p.projectCode, p]));
    const assets = new Map(roster.assets.map((a) => [a.assetCode, a]));
    const draws = new Map(plan.drawRecord.villages.map((v) => [v.villageCode, v]));
    const codes = visits.filter((v) => v.teamId === team.id && v.visitDate === date).map((v) => v.villageCode);
    const start = { lat: team.startLat, lng: team.startLng };
    const outer = routeDay(start, codes.map((code) => ({ id: code, lat: villageIndex.get(code)!.lat, lng: villageIndex.get(code)!.lng })));
    const villages = outer.order.map((code, k) => {
      const v = villageIndex.get(code)!;
      const drawn = draws.get(code)!;
      const items: Omit<RouteItemDto, 'legMeters'>[] = [];
      const at = (lat: number | null, lng: number | null) => (lat === null || lng === null ? { lat: v.lat, lng: v.lng, approximate: true } : { lat, lng, approximate: false });
      for (const h of drawn.sample) {
        const record = households.get(h.householdNo)!;
        items.push({ kind: 'household', code: h.householdNo, label: unmask ? record.headName : maskName(record.headName), detail: STRATUM_LABELS[h.stratum], ...at(record.lat, record.lng) });
      }
      for (const p of drawn.projects.sample) items.push({ kind: 'project', code: p.code, label: projects.get(p.code)?.name ?? p.code, detail: projects.get(p.code)?.projectType ?? '项目', ...at(null, null) });
      for (const a of drawn.assets.sample) {
        const asset = assets.get(a.code);
        items.push({ kind: 'asset', code: a.code, label: asset?.name ?? a.code, detail: asset?.kind ?? '资产', ...at(asset?.lat ?? null, asset?.lng ?? null) });
      }
      // Walk from the village centre through every stop (an open path).
      const inner = routeDay({ lat: v.lat, lng: v.lng }, items.map((item, i) => ({ id: String(i), lat: item.lat, lng: item.lng })), { closed: false });
      return {
        seq: k + 1,
        villageCode: code,
        villageName: v.name,
        townName: v.townName,
        lat: v.lat,
        lng: v.lng,
        legMeters: Math.round(outer.legsM[k]),
        items: inner.order.map((id, j) => ({ ...items[Number(id)], legMeters: Math.round(inner.legsM[j]) })),
      };
    });
    return {
      planId: plan.id,
      planName: plan.name,
      commitment: plan.commitment,
      team: toTeam(team),
      visitDate: date,
      start: { label: team.startLabel, ...start },
      villages,
      totalMeters: Math.round(outer.totalM),
    };
  }
}
