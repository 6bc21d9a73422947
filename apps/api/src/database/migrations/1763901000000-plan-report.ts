import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督查报告: the planner's edits of a plan's 意见建议 (the rest of the report is computed from the
 * plan's records every time it is read). One row per plan; absent until the first edit.
 */
export class PlanReport1763901000000 implements MigrationInterface {
  name = 'PlanReport1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_report (
        plan_id uuid CONSTRAINT plan_report_pkey PRIMARY KEY CONSTRAINT plan_report_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        suggestions jsonb NOT NULL CONSTRAINT plan_report_suggestions_check CHECK (jsonb_typeof(suggestions) = 'array'),
        updated_by uuid NOT NULL CONSTRAINT plan_report_user_fkey REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_report`);
  }
}
