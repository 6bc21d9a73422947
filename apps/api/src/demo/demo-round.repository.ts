import { Inject, Injectable } from '@nestjs/common';
import type { StopRecord, Substitution } from '@lookback/fieldwork';
import type { QuizResult } from '@lookback/quiz';
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

  async hasLedger(planId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ledger_item WHERE plan_id = $1 LIMIT 1`, [planId]);
    return rows.length > 0;
  }

  /**
   * Stores the round's records, substitutions and graded quizzes in three statements (the same
   * rows FieldRecordsRepository and QuizRepository write one at a time; ~1,000 single inserts
   * would add seconds to the demo's start-up).
   */
  async insertRound(
    tx: EntityManager,
    planId: string,
    records: { record: StopRecord; userId: string }[],
    substitutions: { sub: Substitution; userId: string }[],
    quizzes: { cadreNo: string; villageCode: string; clientId: string; questionIds: string[]; answers: unknown; result: QuizResult; bankVersion: string; userId: string }[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO substitution (client_id, plan_id, village_code, absent_household_no, replacement_household_no, stratum, reason, device_id, at, received_by)
       SELECT x."clientId", $1, x."villageCode", x."absentHouseholdNo", x."replacementHouseholdNo", x.stratum, x.reason, x."deviceId", x.at, x."userId"
       FROM jsonb_to_recordset($2::jsonb) AS x("clientId" uuid, "villageCode" text, "absentHouseholdNo" text, "replacementHouseholdNo" text, stratum text, reason text, "deviceId" text, at timestamptz, "userId" uuid)`,
      [planId, JSON.stringify(substitutions.map(({ sub, userId }) => ({ ...sub, userId })))],
    );
    await tx.query(
      `INSERT INTO stop_record (client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at, received_by)
       SELECT (x.record->>'clientId')::uuid, $1, x.record->>'villageCode', x.record->>'stopKind', x.record->>'stopCode', x.record->>'status',
              x.record->>'deviceId', (x.record->>'revision')::int, x.record, (x.record->>'updatedAt')::timestamptz, x."userId"
       FROM jsonb_to_recordset($2::jsonb) AS x(record jsonb, "userId" uuid)`,
      [planId, JSON.stringify(records)],
    );
    await tx.query(
      `INSERT INTO quiz_result (plan_id, cadre_no, village_code, client_id, question_ids, answers, result, percent, bank_version, submitted_by)
       SELECT $1, x."cadreNo", x."villageCode", x."clientId", ARRAY(SELECT jsonb_array_elements_text(x."questionIds")), x.answers, x.result, (x.result->>'percent')::real, x."bankVersion", x."userId"
       FROM jsonb_to_recordset($2::jsonb) AS x("cadreNo" text, "villageCode" text, "clientId" uuid, "questionIds" jsonb, answers jsonb, result jsonb, "bankVersion" text, "userId" uuid)`,
      [planId, JSON.stringify(quizzes)],
    );
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
