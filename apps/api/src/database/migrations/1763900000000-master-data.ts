import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Master data (region hierarchy, households, projects, assets, cadres), immutable roster
 * snapshots and import jobs. Constraint and index names are spelled out so they stay readable.
 */
export class MasterData1763900000000 implements MigrationInterface {
  name = 'MasterData1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE county (
        code char(12) CONSTRAINT county_pkey PRIMARY KEY,
        name text NOT NULL
      );
      CREATE TABLE town (
        code char(12) CONSTRAINT town_pkey PRIMARY KEY,
        county_code char(12) NOT NULL CONSTRAINT town_county_fkey REFERENCES county(code),
        name text NOT NULL
      );
      CREATE TABLE village (
        code char(12) CONSTRAINT village_pkey PRIMARY KEY,
        town_code char(12) NOT NULL CONSTRAINT village_town_fkey REFERENCES town(code),
        name text NOT NULL,
        village_type text NOT NULL CONSTRAINT village_type_check CHECK (village_type IN ('脱贫村', '一般村')),
        lng double precision NOT NULL,
        lat double precision NOT NULL
      );
      CREATE INDEX village_town_idx ON village(town_code);

      CREATE TABLE household (
        household_no text CONSTRAINT household_pkey PRIMARY KEY,
        village_code char(12) NOT NULL CONSTRAINT household_village_fkey REFERENCES village(code),
        head_name text NOT NULL,
        household_type text NOT NULL CONSTRAINT household_type_check CHECK (household_type IN ('脱贫户', '监测户', '一般农户')),
        monitoring_category text CONSTRAINT household_monitoring_category_check
          CHECK (monitoring_category IN ('脱贫不稳定户', '边缘易致贫户', '突发严重困难户')),
        dibao boolean NOT NULL,
        tekun boolean NOT NULL,
        severe_disability boolean NOT NULL,
        serious_illness boolean NOT NULL,
        elderly_alone boolean NOT NULL,
        members smallint NOT NULL CONSTRAINT household_members_check CHECK (members > 0),
        income_per_capita numeric NOT NULL, -- unconstrained: stores exactly what was imported (the snapshot hash covers it)
        lng double precision,
        lat double precision
      );
      CREATE INDEX household_village_idx ON household(village_code);

      CREATE TABLE project (
        project_code text CONSTRAINT project_pkey PRIMARY KEY,
        name text NOT NULL,
        year smallint NOT NULL,
        town_code char(12) NOT NULL CONSTRAINT project_town_fkey REFERENCES town(code),
        village_code char(12) CONSTRAINT project_village_fkey REFERENCES village(code),
        project_type text NOT NULL,
        amount_wan numeric NOT NULL,
        status text NOT NULL
      );
      CREATE INDEX project_town_year_idx ON project(town_code, year);
      CREATE INDEX project_village_idx ON project(village_code);

      CREATE TABLE asset (
        asset_code text CONSTRAINT asset_pkey PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CONSTRAINT asset_kind_check CHECK (kind IN ('经营性', '公益性')),
        village_code char(12) NOT NULL CONSTRAINT asset_village_fkey REFERENCES village(code),
        lng double precision,
        lat double precision
      );
      CREATE INDEX asset_village_idx ON asset(village_code);

      CREATE TABLE cadre (
        cadre_no text CONSTRAINT cadre_pkey PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        village_code char(12) NOT NULL CONSTRAINT cadre_village_fkey REFERENCES village(code),
        phone text
      );
      CREATE INDEX cadre_village_idx ON cadre(village_code);

      CREATE TABLE roster_snapshot (
        id uuid CONSTRAINT roster_snapshot_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        file_name text NOT NULL,
        content_hash char(64) NOT NULL,
        counts jsonb NOT NULL,
        -- gzip of the canonical roster serialisation (docs/import-formats.md): what plans are verified against
        content bytea NOT NULL
      );
      CREATE INDEX roster_snapshot_created_idx ON roster_snapshot(created_at DESC);

      -- Snapshots are immutable: no update, no delete, from any code path.
      CREATE FUNCTION roster_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'roster snapshots are immutable';
      END $$;
      CREATE TRIGGER roster_snapshot_no_change BEFORE UPDATE OR DELETE ON roster_snapshot
        FOR EACH ROW EXECUTE FUNCTION roster_snapshot_immutable();

      CREATE TABLE import_job (
        id uuid CONSTRAINT import_job_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        file_name text NOT NULL,
        status text NOT NULL CONSTRAINT import_job_status_check
          CHECK (status IN ('queued', 'parsing', 'validating', 'loading', 'done', 'failed')),
        progress real NOT NULL DEFAULT 0,
        rows_total integer,
        rows_loaded integer NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]',
        snapshot_id uuid CONSTRAINT import_job_snapshot_fkey REFERENCES roster_snapshot(id),
        message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE import_job;
      DROP TRIGGER roster_snapshot_no_change ON roster_snapshot;
      DROP TABLE roster_snapshot;
      DROP FUNCTION roster_snapshot_immutable();
      DROP TABLE cadre; DROP TABLE asset; DROP TABLE project; DROP TABLE household;
      DROP TABLE village; DROP TABLE town; DROP TABLE county;
    `);
  }
}
