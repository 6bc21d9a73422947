import type { MigrationInterface, QueryRunner } from 'typeorm';

/** On-site quiz results (知识测试): one per quiz taker and plan, graded when submitted. */
export class QuizResults1763900400000 implements MigrationInterface {
  name = 'QuizResults1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quiz_result (
        plan_id uuid NOT NULL CONSTRAINT quiz_result_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        cadre_no text NOT NULL,
        village_code char(12) NOT NULL,
        -- the device's id for this submission: a resent submission is recognised, not graded twice
        client_id uuid NOT NULL CONSTRAINT quiz_result_client_key UNIQUE,
        question_ids text[] NOT NULL,
        answers jsonb NOT NULL,
        result jsonb NOT NULL,
        percent real NOT NULL,
        bank_version text NOT NULL,
        submitted_by uuid NOT NULL CONSTRAINT quiz_result_user_fkey REFERENCES app_user(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quiz_result_pkey PRIMARY KEY (plan_id, cadre_no)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quiz_result`);
  }
}
