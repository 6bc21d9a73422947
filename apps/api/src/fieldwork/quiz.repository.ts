import { Inject, Injectable } from '@nestjs/common';
import type { QuizResult } from '@lookback/quiz';
import { DATABASE, type Database } from '../common/database.js';

export interface StoredQuiz {
  clientId: string;
  result: QuizResult;
}

@Injectable()
export class QuizRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(planId: string, cadreNo: string): Promise<StoredQuiz | null> {
    const rows: StoredQuiz[] = await this.db.query(`SELECT client_id AS "clientId", result FROM quiz_result WHERE plan_id = $1 AND cadre_no = $2`, [planId, cadreNo]);
    return rows[0] ?? null;
  }

  /** Stores the first submission; answers false when one was already stored (nothing changes). */
  async insertOnce(row: { planId: string; cadreNo: string; villageCode: string; clientId: string; questionIds: string[]; answers: unknown; result: QuizResult; bankVersion: string; userId: string }): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO quiz_result (plan_id, cadre_no, village_code, client_id, question_ids, answers, result, percent, bank_version, submitted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING 1`,
      [row.planId, row.cadreNo, row.villageCode, row.clientId, row.questionIds, JSON.stringify(row.answers), JSON.stringify(row.result), row.result.percent, row.bankVersion, row.userId],
    );
    return rows.length > 0;
  }

  /** The cadres of a village whose answers are stored. */
  async submittedIn(planId: string, villageCode: string): Promise<string[]> {
    const rows: { cadreNo: string }[] = await this.db.query(`SELECT cadre_no AS "cadreNo" FROM quiz_result WHERE plan_id = $1 AND village_code = $2`, [planId, villageCode]);
    return rows.map((r) => r.cadreNo);
  }

  /** Every graded quiz of a plan (for wrong-rate analysis and scoring). */
  findForPlan(planId: string): Promise<{ cadreNo: string; villageCode: string; result: QuizResult }[]> {
    return this.db.query(`SELECT cadre_no AS "cadreNo", village_code AS "villageCode", result FROM quiz_result WHERE plan_id = $1 ORDER BY village_code, cadre_no`, [planId]);
  }
}
