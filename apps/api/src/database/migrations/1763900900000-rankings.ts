import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring schemes (评分方案) and weekly ranking snapshots (排队).
 *
 * - scoring_scheme is append-only: saving a scheme inserts a new version, never edits a row, so
 *   every snapshot's scheme_id points at exactly the weights it was scored with. The default
 *   scheme of @lookback/scoring is inserted at start-up by RankingsService when none exists.
 * - ranking_snapshot keeps the inputs (the InspectionRound scored: every village's strata,
 *   visits with findings, checks, quiz percents, ledger as of the day), the sources (which plan
 *   each village's figures came from) and the full RankingSnapshot result; a snapshot is never
 *   replaced — an on-demand snapshot of a week already taken is one more row of that week, and
 *   readers take the latest of the week.
 * - ranking_entry repeats rank, score and interval per village and town for queries across weeks
 *   (the dashboard trend) without opening the JSON.
 */
export class Rankings1763900900000 implements MigrationInterface {
  name = 'Rankings1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scoring_scheme (
        id uuid CONSTRAINT scoring_scheme_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        version text NOT NULL CONSTRAINT scoring_scheme_version_key UNIQUE,
        body jsonb NOT NULL,
        fingerprint char(64) NOT NULL,
        note text NOT NULL DEFAULT '',
        -- NULL: the default scheme inserted by the system
        created_by uuid CONSTRAINT scoring_scheme_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX scoring_scheme_created_idx ON scoring_scheme (created_at DESC);

      CREATE FUNCTION scoring_scheme_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'scoring schemes are never edited: save a new version';
      END $$;
      CREATE TRIGGER scoring_scheme_no_update BEFORE UPDATE OR DELETE ON scoring_scheme
        FOR EACH ROW EXECUTE FUNCTION scoring_scheme_immutable();

      CREATE TABLE ranking_snapshot (
        id uuid CONSTRAINT ranking_snapshot_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        -- ISO week, e.g. 2026-W48
        period text NOT NULL CONSTRAINT ranking_snapshot_period_check CHECK (period ~ '^[0-9]{4}-W[0-9]{2}$'),
        -- the China-time day the ledger was read as of (YYYY-MM-DD)
        as_of date NOT NULL,
        kind text NOT NULL CONSTRAINT ranking_snapshot_kind_check CHECK (kind IN ('scheduled', 'on-demand')),
        scheme_id uuid NOT NULL CONSTRAINT ranking_snapshot_scheme_fkey REFERENCES scoring_scheme(id),
        scheme_version text NOT NULL,
        scheme_fingerprint char(64) NOT NULL,
        -- the previous snapshot whose ranks "change since last week" compares with
        previous_id uuid CONSTRAINT ranking_snapshot_previous_fkey REFERENCES ranking_snapshot(id),
        -- json, not jsonb: read and written whole, never queried inside; a county's snapshot is
        -- ~5 MB and json skips the conversion to jsonb (half the insert time, bench/scoring.bench.mjs)
        inputs json NOT NULL,
        sources jsonb NOT NULL,
        excluded jsonb NOT NULL,
        result json NOT NULL,
        created_by uuid CONSTRAINT ranking_snapshot_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX ranking_snapshot_period_idx ON ranking_snapshot (period DESC, created_at DESC);

      CREATE TABLE ranking_entry (
        snapshot_id uuid NOT NULL CONSTRAINT ranking_entry_snapshot_fkey REFERENCES ranking_snapshot(id) ON DELETE CASCADE,
        level text NOT NULL CONSTRAINT ranking_entry_level_check CHECK (level IN ('village', 'town')),
        code char(12) NOT NULL,
        town_code char(12) NOT NULL,
        rank integer NOT NULL,
        score double precision NOT NULL,
        lo double precision NOT NULL,
        hi double precision NOT NULL,
        previous_rank integer,
        tie_group integer NOT NULL,
        CONSTRAINT ranking_entry_pkey PRIMARY KEY (snapshot_id, level, code)
      );
      CREATE INDEX ranking_entry_code_idx ON ranking_entry (level, code);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ranking_entry; DROP TABLE ranking_snapshot; DROP TABLE scoring_scheme; DROP FUNCTION scoring_scheme_immutable();`);
  }
}
