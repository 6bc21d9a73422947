import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays, chinaDate, DUE_SOON_DAYS } from '@lookback/contracts';
import { DATABASE, type Database } from '../common/database.js';
import { JobRunner } from '../scheduler/job-runner.service.js';
import { dailyAt, type ScheduledJob } from '../scheduler/scheduled-job.js';

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
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  async run(_period: string, now: Date): Promise<Record<string, unknown>> {
    const today = chinaDate(now);
    const until = addDays(today, DUE_SOON_DAYS);
    // Set-based: a county's ledger is thousands of items (one statement each, not five per item).
    const due = `
      WITH due AS (
        SELECT id, CASE WHEN deadline < $1::date THEN 'overdue' ELSE 'due-soon' END AS state
        FROM ledger_item WHERE status <> 'closed' AND deadline IS NOT NULL AND deadline <= $2::date
      )`;
    return this.db.transaction(async (tx) => {
      // Items that left the window (closed, deadline moved) lose their mark.
      await tx.query(
        `UPDATE ledger_item SET alert = NULL, alert_deadline = NULL
         WHERE alert IS NOT NULL AND (status = 'closed' OR deadline IS NULL OR deadline > $1::date)`,
        [until],
      );
      const [counts]: { dueSoon: number; overdue: number }[] = await tx.query(
        `${due} SELECT count(*) FILTER (WHERE state = 'due-soon')::int AS "dueSoon", count(*) FILTER (WHERE state = 'overdue')::int AS overdue FROM due`,
        [today, until],
      );
      // Mark (and log) only what changed: a re-run marks nothing and logs nothing.
      const marked: unknown[] = await tx.query(
        `${due}, marked AS (
           UPDATE ledger_item i SET alert = d.state, alert_deadline = i.deadline FROM due d
           WHERE i.id = d.id AND (i.alert IS DISTINCT FROM d.state OR i.alert_deadline IS DISTINCT FROM i.deadline)
           RETURNING i.id, d.state, to_char(i.deadline, 'YYYY-MM-DD') AS deadline
         )
         INSERT INTO ledger_event (item_id, at, actor_id, kind, note)
         SELECT id, $3, NULL, state, CASE WHEN state = 'overdue' THEN '已超过完成时限 ' || deadline ELSE '将于 ' || deadline || ' 到期' END FROM marked
         RETURNING id`,
        [today, until, now],
      );
      // The unit's rectifier accounts (issued items only: an unissued item is still the planners'
      // secret) and the planner who created the item; the key makes each notice once per user.
      const notified: unknown[] = await tx.query(
        `${due}
         INSERT INTO notification (user_id, unit_town_code, kind, item_id, text, dedupe_key, created_at)
         SELECT u.id, CASE WHEN u.role = 'rectifier' THEN i.town_code END, d.state, i.id,
                CASE WHEN u.role = 'planner' THEN i.responsible_unit || '：' ELSE '' END ||
                CASE WHEN d.state = 'overdue'
                     THEN '第 ' || i.seq || ' 条整改事项已逾期（完成时限 ' || to_char(i.deadline, 'YYYY-MM-DD') || '）：'
                     ELSE '第 ' || i.seq || ' 条整改事项将于 ' || to_char(i.deadline, 'YYYY-MM-DD') || ' 到期：' END || left(i.description, 40),
                'ledger:' || i.id || ':' || d.state || ':' || to_char(i.deadline, 'YYYY-MM-DD'), $3
         FROM due d JOIN ledger_item i ON i.id = d.id
         JOIN app_user u ON NOT u.disabled AND (
           (u.role = 'rectifier' AND i.issued_at IS NOT NULL AND i.town_code::text = ANY(u.scope_towns)) OR (u.role = 'planner' AND u.id = i.created_by))
         ORDER BY i.deadline, i.seq, u.role
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [today, until, now],
      );
      return { today, dueSoon: counts.dueSoon, overdue: counts.overdue, marked: marked.length, notifications: notified.length };
    });
  }
}
