import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';

/**
 * The few writes the demo round needs beyond the field-work repositories: it happened weeks
 * before the demo was loaded, so its plan, records, quizzes and sign-offs carry the times of the
 * round, not of the start-up that wrote them.
 */
@Injectable()
export class DemoRoundRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findPlanByName(name: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM plan WHERE name = $1`, [name]);
    return rows[0]?.id ?? null;
  }

  async backdate(
    tx: EntityManager,
    planId: string,
    times: { createdAt: string; sealedAt: string; revealedAt: string; completedAt: string },
    signoffs: { teamId: string; visitDate: string; at: string }[],
  ): Promise<void> {
    await tx.query(`UPDATE plan SET created_at = $2, sealed_at = $3, revealed_at = $4, completed_at = $5 WHERE id = $1`, [
      planId,
      times.createdAt,
      times.sealedAt,
      times.revealedAt,
      times.completedAt,
    ]);
    // Records reached the server when the phone synced: a few minutes after they were written.
    await tx.query(`UPDATE stop_record SET received_at = updated_at + interval '3 minutes' WHERE plan_id = $1`, [planId]);
    await tx.query(
      `UPDATE quiz_result q SET submitted_at = (SELECT max(s.updated_at) FROM stop_record s WHERE s.plan_id = q.plan_id AND s.village_code = q.village_code)
       WHERE q.plan_id = $1`,
      [planId],
    );
    for (const s of signoffs) {
      await tx.query(`UPDATE day_signoff SET signed_at = $4 WHERE plan_id = $1 AND team_id = $2 AND visit_date = $3`, [planId, s.teamId, s.visitDate, s.at]);
    }
  }
}
