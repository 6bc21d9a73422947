import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, chinaDate, DUE_SOON_DAYS } from '@lookback/contracts';
import { DATABASE, type Database } from '../common/database.js';
import { JobRunner } from '../scheduler/job-runner.service.js';
import { dailyAt, type ScheduledJob } from '../scheduler/scheduled-job.js';
import { LedgerRepository } from './ledger.repository.js';

/**
 * Every morning at 07:00 (China time): open items due within DUE_SOON_DAYS days are marked
 * 即将到期, those past their deadline 逾期, and the responsible unit's rectifier accounts (issued
 * items only) and the planner who created the item are notified — once per item, state and
 * deadline: the notification key is unique per user, so a re-run (or a second instance) adds
 * nothing. The JobRunner makes the job run once per day across instances and catches up.
 */
@Injectable()
export class LedgerAlertsJob implements ScheduledJob, OnModuleInit {
  readonly name = 'ledger-alerts';
  readonly description = '整改台账：标记即将到期（3 天内）和逾期事项，通知责任单位和督查组';
  readonly duePeriod = dailyAt('07:00');

  constructor(
    private readonly runner: JobRunner,
    private readonly ledger: LedgerRepository,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  async run(_period: string, now: Date): Promise<Record<string, unknown>> {
    const today = chinaDate(now);
    // Items that left the window (closed, deadline moved) lose their mark.
    await this.db.query(
      `UPDATE ledger_item SET alert = NULL, alert_deadline = NULL
       WHERE alert IS NOT NULL AND (status = 'closed' OR deadline IS NULL OR deadline > $1::date)`,
      [addDays(today, DUE_SOON_DAYS)],
    );
    const items = await this.ledger.openWithDeadlineUntil(addDays(today, DUE_SOON_DAYS));
    let dueSoon = 0;
    let overdue = 0;
    let notifications = 0;
    for (const item of items) {
      const state = item.deadline! < today ? 'overdue' : 'due-soon';
      if (state === 'overdue') overdue++;
      else dueSoon++;
      // An UPDATE answers [rows, count] through TypeORM's PostgreSQL driver.
      const [marked] = (await this.db.query(
        `UPDATE ledger_item SET alert = $2, alert_deadline = $3::date
         WHERE id = $1 AND (alert IS DISTINCT FROM $2 OR alert_deadline IS DISTINCT FROM $3::date) RETURNING id`,
        [item.id, state, item.deadline],
      )) as [unknown[], number];
      if (marked.length) {
        await this.ledger.event(null, { itemId: item.id, at: now, actorId: null, kind: state, note: state === 'overdue' ? `已超过完成时限 ${item.deadline}` : `将于 ${item.deadline} 到期` });
      }
      const text =
        state === 'overdue'
          ? `第 ${item.seq} 条整改事项已逾期（完成时限 ${item.deadline}）：${item.description.slice(0, 40)}`
          : `第 ${item.seq} 条整改事项将于 ${item.deadline} 到期：${item.description.slice(0, 40)}`;
      const { rectifiers, planners } = await this.ledger.recipients(item.townCode, item.createdBy);
      const key = `ledger:${item.id}:${state}:${item.deadline}`;
      if (item.issuedAt) notifications += await this.ledger.notify(null, { userIds: rectifiers, unitTownCode: item.townCode, kind: state, itemId: item.id, text, dedupeKey: key, at: now });
      notifications += await this.ledger.notify(null, { userIds: planners, unitTownCode: null, kind: state, itemId: item.id, text: `${item.responsibleUnit}：${text}`, dedupeKey: key, at: now });
    }
    return { today, dueSoon, overdue, notifications };
  }
}
