import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Inspection plans (督查方案): the draw, its commitment, and the seed kept secret until the reveal. */
export class Plans1763900200000 implements MigrationInterface {
  name = 'Plans1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        id uuid CONSTRAINT plan_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        status text NOT NULL CONSTRAINT plan_status_check CHECK (status IN ('draft', 'sealed', 'revealed', 'completed')),
        snapshot_id uuid NOT NULL CONSTRAINT plan_snapshot_fkey REFERENCES roster_snapshot(id),
        -- 12-digit codes of the towns the plan covers: who may see it is decided by these
        town_codes text[] NOT NULL,
        village_codes text[] NOT NULL,
        selection jsonb NOT NULL,
        settings jsonb NOT NULL,
        -- secret until revealed: never answered by the API before status = revealed
        seed text NOT NULL,
        commitment char(64) NOT NULL,
        draw_record jsonb NOT NULL,
        quiz_bank_version text NOT NULL,
        redraws integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL CONSTRAINT plan_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        sealed_at timestamptz,
        revealed_at timestamptz,
        completed_at timestamptz
      );
      CREATE INDEX plan_created_idx ON plan(created_at DESC);
      CREATE INDEX plan_towns_idx ON plan USING gin (town_codes);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan`);
  }
}
