import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Inspection teams (督查组) of a plan, their members, and which team visits which village on which day. */
export class TeamsAndVisits1763900300000 implements MigrationInterface {
  name = 'TeamsAndVisits1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team (
        id uuid CONSTRAINT team_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL CONSTRAINT team_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        name text NOT NULL,
        start_label text NOT NULL,
        start_lat double precision NOT NULL CONSTRAINT team_start_lat_check CHECK (start_lat BETWEEN -90 AND 90),
        start_lng double precision NOT NULL CONSTRAINT team_start_lng_check CHECK (start_lng BETWEEN -180 AND 180),
        -- towns the members come from: the team never inspects them (回避)
        home_towns text[] NOT NULL DEFAULT '{}',
        CONSTRAINT team_plan_name_key UNIQUE (plan_id, name)
      );
      CREATE TABLE team_member (
        team_id uuid NOT NULL CONSTRAINT team_member_team_fkey REFERENCES team(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT team_member_user_fkey REFERENCES app_user(id),
        CONSTRAINT team_member_pkey PRIMARY KEY (team_id, user_id)
      );
      CREATE INDEX team_member_user_idx ON team_member(user_id);
      CREATE TABLE plan_visit (
        plan_id uuid NOT NULL CONSTRAINT plan_visit_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        village_code char(12) NOT NULL,
        team_id uuid NOT NULL CONSTRAINT plan_visit_team_fkey REFERENCES team(id) ON DELETE CASCADE,
        visit_date date NOT NULL,
        CONSTRAINT plan_visit_pkey PRIMARY KEY (plan_id, village_code)
      );
      CREATE INDEX plan_visit_team_date_idx ON plan_visit(team_id, visit_date);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_visit; DROP TABLE team_member; DROP TABLE team;`);
  }
}
