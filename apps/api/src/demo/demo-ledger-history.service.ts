import { Injectable, Logger } from '@nestjs/common';
import { addDays, chinaDate, chinaInstant, isoWeek, type PlanFindingDto } from '@lookback/contracts';
import seedrandom from 'seedrandom';
import { DEMO_PASSWORD } from '../auth/demo-accounts.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { CurrentUser } from '../auth/roles.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/clock.js';
import { LedgerAlertsJob } from '../ledger/ledger-alerts.job.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { ChecklistTemplatesRepository } from '../fieldwork/checklist-templates.repository.js';
import { LedgerService, type LedgerTransition } from '../ledger/ledger.service.js';
import { PlansService } from '../plans/plans.service.js';
import { RankingsService } from '../rankings/rankings.service.js';
import { RegionsRepository } from '../regions/regions.repository.js';
import { DEMO_ROUND_SEED } from './demo-round.generator.js';

/** A clock the demo moves through the weeks after the round, so history is written when it happened. */
class TravelClock extends Clock {
  constructor(public at = new Date(0)) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

/** Items worked on at the same time (each item's own steps stay in order). */
const CONCURRENCY = 4;

/** 1×1 PNG: the demo's 整改照片 (the service checks the bytes, not the picture). */
const EVIDENCE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** 整改情况 as a 责任单位 would write it, per problem type. */
const PROGRESS: Readonly<Record<string, string>> = {
  住房安全: '已完成住房安全鉴定并纳入改造计划，补助资金已发放到户',
  饮水安全: '已维修入户管网，恢复正常供水，水质检测合格',
  教育帮扶: '已落实教育资助，劝返学生已复学',
  健康帮扶: '已办理参保和慢性病卡，报销已到位',
  综合保障: '已按程序纳入低保（特困）并发放保障金',
  就业帮扶: '已更新就业台账，公益岗位人员已重新核定并到岗',
  产业帮扶: '已调整产业帮扶措施，联农带农协议已签订',
  金融帮扶: '已对接银行完成小额信贷评级授信',
  资金项目: '已完成项目资料补充和登记确权，资金已拨付',
  监测帮扶: '已入户核实并按程序纳入监测，落实帮扶措施',
  档卡资料: '已补齐户档资料，明白卡信息已更新上墙',
  信访舆情: '已答复群众诉求并建立一案一档',
  帮扶责任: '已调整帮扶责任人并入户算账，落实针对性帮扶措施',
  乡村建设: '已组织开展人居环境整治，户容户貌明显改善',
};

/** How many findings of one type in one town make a 共性问题 (one item for all of them). */
const COMMON_PROBLEM_MIN = 2;

interface Action {
  at: Date;
  itemId: string;
  step: 'start' | 'evidence' | 'submit' | 'close';
  actor: CurrentUser;
  note?: string;
}

/**
 * The weeks after the demo round: its findings become 整改台账 items (several findings of one type
 * in one town become a 共性问题), the 责任单位 of each town work on them, the 督查组 verifies and
 * closes, and every Monday a ranking snapshot is taken. All through LedgerService and
 * RankingsService, run on a clock that moves through those weeks, so every date (created, started,
 * closed, overdue, and the ledger state each weekly snapshot saw) is the one it would have had.
 */
@Injectable()
export class DemoLedgerHistoryService {
  private readonly logger = new Logger(DemoLedgerHistoryService.name);

  constructor(
    private readonly ledgerRows: LedgerRepository,
    private readonly plans: PlansService,
    private readonly users: UsersRepository,
    private readonly regions: RegionsRepository,
    private readonly rankings: RankingsService,
    private readonly clock: Clock,
    private readonly templates: ChecklistTemplatesRepository,
    private readonly alerts: LedgerAlertsJob,
  ) {}

  /** `completedOn`: the day the round was completed (YYYY-MM-DD). */
  async write(planId: string, completedOn: string): Promise<{ items: number; closed: number; snapshots: number }> {
    const started = Date.now();
    const clock = new TravelClock();
    const ledger = new LedgerService(this.ledgerRows, this.plans, clock, this.templates);
    // Later steps run on their own clocks (new LedgerService per step), so items can go side by side.
    const planner = (await this.users.findByUsername('planner'))!;
    const today = chinaDate(this.clock.now());
    const rng = seedrandom.alea(`${DEMO_ROUND_SEED}|ledger`);
    const at = (date: string, time: string) => chinaInstant(date, time);

    // 1. The day after completion: the ledger is generated from the findings and issued.
    const generatedOn = addDays(completedOn, 1);
    clock.at = at(generatedOn, '09:30');
    const findings = await ledger.planFindings(planner, planId);
    const groups = new Map<string, PlanFindingDto[]>();
    for (const f of findings) {
      const key = `${f.townCode}|${f.problemType}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const merge = [...groups.values()].filter((g) => g.length >= COMMON_PROBLEM_MIN).map((g) => g.map((f) => f.key));
    await ledger.generate(planner, planId, { merge });
    // 2. The 责任单位 of each town (an account per town; the demo's `rectifier` is the first town's),
    //    there before the items are issued, so each is told of its new items.
    const rectifiers = await this.rectifiersFor([...new Set((await ledger.rows(planner, { planId })).map((i) => i.townCode))]);
    clock.at = at(generatedOn, '15:00');
    await ledger.issuePlan(planner, planId);
    const items = await ledger.rows(planner, { planId });

    // 3. What happens to each item, in the order it happened.
    const days = (from: string, n: number) => addDays(from, n);
    const daysLeft = (date: string) => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
    const time = () => `${String(8 + Math.floor(rng() * 9)).padStart(2, '0')}:${String(Math.floor(rng() * 60)).padStart(2, '0')}`;
    const actions: Action[] = [];
    for (const item of items) {
      const actor = rectifiers.get(item.townCode)!;
      const r = rng();
      // Short deadlines (档卡资料, 饮水, 健康…) are worked on first; 长期坚持 items stay open longer.
      const urgent = item.deadline !== null && item.deadline <= days(generatedOn, 15);
      const fate = r < (urgent ? 0.6 : 0.45) ? 'closed' : r < 0.7 ? 'awaiting' : r < 0.88 ? 'started' : 'pending';
      if (fate === 'pending') continue;
      const room = Math.max(2, daysLeft(generatedOn) - 1);
      const startOn = days(generatedOn, 1 + Math.floor(rng() * Math.min(5, room - 1)));
      actions.push({ at: at(startOn, time()), itemId: item.id, step: 'start', actor });
      if (fate === 'started') continue;
      const submitOn = days(startOn, 1 + Math.floor(rng() * Math.max(1, Math.min(12, daysLeft(startOn) - 2))));
      actions.push({ at: at(submitOn, '08:10'), itemId: item.id, step: 'evidence', actor });
      actions.push({ at: at(submitOn, '08:20'), itemId: item.id, step: 'submit', actor, note: PROGRESS[item.problemType] ?? '已完成整改' });
      if (fate === 'awaiting') continue;
      const closeOn = days(submitOn, 1 + Math.floor(rng() * Math.max(1, Math.min(3, daysLeft(submitOn) - 1))));
      actions.push({ at: at(closeOn, '16:30'), itemId: item.id, step: 'close', actor: planner, note: '经实地核验，整改到位，同意销号' });
    }
    const now = this.clock.now().getTime();
    actions.sort((a, b) => a.at.getTime() - b.at.getTime() || a.itemId.localeCompare(b.itemId));

    // 4. Day by day: the ranking of each Monday (06:00) before that day's work, then the work of
    //    the day, items side by side. The current week is ranked at the end, as of now.
    const thisWeek = isoWeek(today);
    const mondays: Date[] = [];
    for (let d = addDays(completedOn, 1); d <= today; d = addDays(d, 1)) {
      if (new Date(`${d}T00:00:00Z`).getUTCDay() === 1 && isoWeek(d) < thisWeek) mondays.push(at(d, '06:00'));
    }
    let next = 0;
    const snapshotUntil = async (limit: number) => {
      while (next < mondays.length && mondays[next].getTime() <= limit) {
        const monday = mondays[next++];
        await this.rankings.takeSnapshot(isoWeek(chinaDate(monday)), monday, 'scheduled', null);
      }
    };
    const byDay = new Map<string, Action[]>();
    for (const a of actions) {
      if (a.at.getTime() > now) continue;
      const day = chinaDate(a.at);
      byDay.set(day, [...(byDay.get(day) ?? []), a]);
    }
    let closed = 0;
    for (let day = addDays(generatedOn, 1); day <= today; day = addDays(day, 1)) {
      // The Monday ranking (06:00), then the daily ledger alerts (07:00; today's as of now if earlier).
      const morning = Math.min(at(day, '07:00').getTime(), now);
      await snapshotUntil(morning);
      await this.alerts.run(day, new Date(morning));
      const chains = new Map<string, Action[]>();
      for (const a of byDay.get(day) ?? []) chains.set(a.itemId, [...(chains.get(a.itemId) ?? []), a]);
      const queue = [...chains.values()];
      const work = async () => {
        for (let chain = queue.shift(); chain; chain = queue.shift()) {
          for (const a of chain) {
            const service = new LedgerService(this.ledgerRows, this.plans, new TravelClock(a.at), this.templates);
            if (a.step === 'evidence') await service.uploadEvidence(a.actor, a.itemId, '整改照片.png', 'image/png', EVIDENCE_PNG);
            else await service.transition(a.actor, a.itemId, a.step as LedgerTransition, a.note);
            if (a.step === 'close') closed++;
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, work));
    }
    await snapshotUntil(now);
    await this.rankings.takeSnapshot(thisWeek, this.clock.now(), 'on-demand', planner.id);
    this.logger.log(`demo ledger: ${items.length} items (${closed} closed), ${mondays.length + 1} weekly snapshots, in ${Date.now() - started} ms`);
    return { items: items.length, closed, snapshots: mondays.length + 1 };
  }

  /** One 责任单位 account per town, with the demo password (the first town's is `rectifier`). */
  private async rectifiersFor(townCodes: string[]): Promise<Map<string, CurrentUser>> {
    const out = new Map<string, CurrentUser>();
    const towns = new Map((await this.regions.findTownsWithCounts()).map((t) => [t.code, t.name]));
    const demo = await this.users.findByUsername('rectifier');
    let passwordHash: string | null = null;
    for (const code of townCodes.sort()) {
      if (demo?.scopeTowns?.length === 1 && demo.scopeTowns[0] === code) {
        out.set(code, demo);
        continue;
      }
      const username = `rectifier-${code}`;
      let user = await this.users.findByUsername(username);
      if (!user) {
        passwordHash ??= await hashPassword(DEMO_PASSWORD);
        user = await this.users.insert({ username, displayName: `责任单位（${towns.get(code) ?? code}）`, role: 'rectifier', scopeTowns: [code], passwordHash });
      }
      out.set(code, user);
    }
    return out;
  }
}
