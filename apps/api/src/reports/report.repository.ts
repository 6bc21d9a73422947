import { Inject, Injectable } from '@nestjs/common';
import type { ReportSuggestionDto } from '@lookback/contracts';
import { DATABASE, type Database } from '../common/database.js';

export interface StoredSuggestions {
  suggestions: ReportSuggestionDto[];
  /** Display name of the planner who saved them. */
  by: string;
  at: Date;
}

/** The planner's edits of a report's 意见建议 (plan_report); everything else is computed. */
@Injectable()
export class ReportRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findSuggestions(planId: string): Promise<StoredSuggestions | null> {
    const rows: StoredSuggestions[] = await this.db.query(
      `SELECT r.suggestions, u.display_name AS by, r.updated_at AS at FROM plan_report r JOIN app_user u ON u.id = r.updated_by WHERE r.plan_id = $1`,
      [planId],
    );
    return rows[0] ?? null;
  }

  async saveSuggestions(planId: string, suggestions: ReportSuggestionDto[], userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO plan_report (plan_id, suggestions, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (plan_id) DO UPDATE SET suggestions = excluded.suggestions, updated_by = excluded.updated_by, updated_at = now()`,
      [planId, JSON.stringify(suggestions), userId],
    );
  }

  async deleteSuggestions(planId: string): Promise<void> {
    await this.db.query(`DELETE FROM plan_report WHERE plan_id = $1`, [planId]);
  }
}
