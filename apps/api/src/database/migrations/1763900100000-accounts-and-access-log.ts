import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions, login attempts (rate limiting across instances) and the access log. */
export class AccountsAndAccessLog1763900100000 implements MigrationInterface {
  name = 'AccountsAndAccessLog1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid CONSTRAINT app_user_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CONSTRAINT app_user_username_key UNIQUE
          CONSTRAINT app_user_username_check CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{1,31}$'),
        display_name text NOT NULL,
        role text NOT NULL CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'planner', 'inspector', 'leader', 'rectifier')),
        -- NULL: the whole county; otherwise the 12-digit codes of the towns the user works in
        scope_towns text[],
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        full_export boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE user_session (
        -- SHA-256 of the token: a stolen database does not yield usable tokens
        token_hash char(64) CONSTRAINT user_session_pkey PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT user_session_user_fkey REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        address text,
        user_agent text
      );
      CREATE INDEX user_session_user_idx ON user_session(user_id);

      CREATE TABLE login_failure (
        id bigserial CONSTRAINT login_failure_pkey PRIMARY KEY,
        username text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failure_username_idx ON login_failure(username, at);
      CREATE INDEX login_failure_address_idx ON login_failure(address, at);

      CREATE TABLE access_log (
        id bigserial CONSTRAINT access_log_pkey PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        username text NOT NULL,
        role text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        address text,
        detail jsonb
      );
      CREATE INDEX access_log_at_idx ON access_log(at DESC);
      CREATE INDEX access_log_target_idx ON access_log(target_type, target_id);

      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access log is append-only';
      END $$;
      CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER access_log_no_change ON access_log;
      DROP FUNCTION access_log_append_only();
      DROP TABLE access_log; DROP TABLE login_failure; DROP TABLE user_session; DROP TABLE app_user;
    `);
  }
}
