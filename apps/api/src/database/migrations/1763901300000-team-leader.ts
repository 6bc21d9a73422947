import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 本组组长: each team has a leader, one of its members, who alone signs the team's day off (责任组长
 * 签字) and reopens it. Teams made before are given the member whose username sorts first, as
 * their members were listed.
 */
export class TeamLeader1763901300000 implements MigrationInterface {
  name = 'TeamLeader1763901300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE team ADD COLUMN leader_id uuid CONSTRAINT team_leader_fkey REFERENCES app_user(id) ON DELETE SET NULL;
      UPDATE team t SET leader_id = (
        SELECT m.user_id FROM team_member m JOIN app_user u ON u.id = m.user_id WHERE m.team_id = t.id ORDER BY u.username LIMIT 1);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE team DROP COLUMN leader_id`);
  }
}
