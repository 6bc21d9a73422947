import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What inspectors record in the field, each row keyed by the id the phone generated for it, so a
 * batch sent again (or by a retrying client after a lost answer) is stored exactly once.
 */
export class FieldRecords1763900500000 implements MigrationInterface {
  name = 'FieldRecords1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stop_record (
        client_id uuid CONSTRAINT stop_record_pkey PRIMARY KEY,
        plan_id uuid NOT NULL CONSTRAINT stop_record_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        village_code char(12) NOT NULL,
        stop_kind text NOT NULL,
        stop_code text NOT NULL,
        status text NOT NULL,
        device_id text NOT NULL,
        revision integer NOT NULL,
        -- the whole record as merged (answers, figures, notes, position, template)
        record jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        received_by uuid NOT NULL CONSTRAINT stop_record_user_fkey REFERENCES app_user(id)
      );
      CREATE INDEX stop_record_plan_village_idx ON stop_record(plan_id, village_code);

      CREATE TABLE record_conflict (
        id bigserial CONSTRAINT record_conflict_pkey PRIMARY KEY,
        client_id uuid NOT NULL CONSTRAINT record_conflict_record_fkey REFERENCES stop_record(client_id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        conflict jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX record_conflict_plan_idx ON record_conflict(plan_id);

      CREATE TABLE substitution (
        client_id uuid CONSTRAINT substitution_pkey PRIMARY KEY,
        plan_id uuid NOT NULL CONSTRAINT substitution_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        village_code char(12) NOT NULL,
        absent_household_no text NOT NULL,
        replacement_household_no text NOT NULL,
        stratum text NOT NULL,
        reason text NOT NULL CONSTRAINT substitution_reason_check CHECK (reason IN ('absent', 'moved', 'refused')),
        device_id text NOT NULL,
        at timestamptz NOT NULL,
        received_by uuid NOT NULL CONSTRAINT substitution_user_fkey REFERENCES app_user(id),
        CONSTRAINT substitution_absent_key UNIQUE (plan_id, absent_household_no),
        CONSTRAINT substitution_replacement_key UNIQUE (plan_id, replacement_household_no)
      );

      CREATE TABLE photo (
        client_id uuid CONSTRAINT photo_pkey PRIMARY KEY,
        plan_id uuid NOT NULL CONSTRAINT photo_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        stop_client_id uuid NOT NULL,
        sha256 char(64) NOT NULL,
        content_type text NOT NULL,
        bytes integer NOT NULL,
        meta jsonb NOT NULL,
        content bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        received_by uuid NOT NULL CONSTRAINT photo_user_fkey REFERENCES app_user(id)
      );
      CREATE INDEX photo_stop_idx ON photo(stop_client_id);

      CREATE TABLE day_signoff (
        plan_id uuid NOT NULL CONSTRAINT day_signoff_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        team_id uuid NOT NULL CONSTRAINT day_signoff_team_fkey REFERENCES team(id) ON DELETE CASCADE,
        visit_date date NOT NULL,
        names text[] NOT NULL,
        signed_by uuid NOT NULL CONSTRAINT day_signoff_user_fkey REFERENCES app_user(id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        reopened_at timestamptz,
        reopened_by uuid,
        reopen_reason text,
        CONSTRAINT day_signoff_pkey PRIMARY KEY (plan_id, team_id, visit_date)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE day_signoff; DROP TABLE photo; DROP TABLE substitution; DROP TABLE record_conflict; DROP TABLE stop_record;`);
  }
}
