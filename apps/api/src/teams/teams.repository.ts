import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '../common/database.js';

export interface TeamRow {
  id: string;
  planId: string;
  name: string;
  startLabel: string;
  startLat: number;
  startLng: number;
  homeTowns: string[];
  members: { id: string; username: string; displayName: string }[];
  /** 督查组长: the member who signs the team's days off (null only if that account was deleted). */
  leaderId: string | null;
}

export interface VisitRow {
  villageCode: string;
  teamId: string;
  visitDate: string;
}

const TEAM = `SELECT t.id, t.plan_id AS "planId", t.name, t.start_label AS "startLabel", t.start_lat AS "startLat", t.start_lng AS "startLng",
  t.home_towns AS "homeTowns", t.leader_id AS "leaderId",
  COALESCE((SELECT json_agg(json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) ORDER BY u.username)
            FROM team_member m JOIN app_user u ON u.id = m.user_id WHERE m.team_id = t.id), '[]') AS members
  FROM team t`;

@Injectable()
export class TeamsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  findForPlan(planId: string): Promise<TeamRow[]> {
    return this.db.query(`${TEAM} WHERE t.plan_id = $1 ORDER BY t.name`, [planId]);
  }

  async insert(planId: string, team: { name: string; startLabel: string; startLat: number; startLng: number; homeTowns: string[] }, memberIds: string[], leaderId: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO team (plan_id, name, start_label, start_lat, start_lng, home_towns, leader_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [planId, team.name, team.startLabel, team.startLat, team.startLng, team.homeTowns, leaderId],
      );
      if (memberIds.length) await tx.query(`INSERT INTO team_member (team_id, user_id) SELECT $1, unnest($2::uuid[])`, [id, memberIds]);
      return id as string;
    });
  }

  async delete(planId: string, teamId: string): Promise<boolean> {
    const [{ n }] = await this.db.query(`WITH gone AS (DELETE FROM team WHERE id = $1 AND plan_id = $2 RETURNING 1) SELECT count(*)::int AS n FROM gone`, [teamId, planId]);
    return n > 0;
  }

  findVisits(planId: string): Promise<VisitRow[]> {
    return this.db.query(
      `SELECT village_code AS "villageCode", team_id AS "teamId", to_char(visit_date, 'YYYY-MM-DD') AS "visitDate" FROM plan_visit WHERE plan_id = $1 ORDER BY visit_date, village_code`,
      [planId],
    );
  }

  /** Replaces the plan's whole schedule at once. */
  async replaceVisits(planId: string, visits: VisitRow[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM plan_visit WHERE plan_id = $1`, [planId]);
      if (!visits.length) return;
      await tx.query(
        `INSERT INTO plan_visit (plan_id, village_code, team_id, visit_date) SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::date[])`,
        [planId, visits.map((v) => v.villageCode), visits.map((v) => v.teamId), visits.map((v) => v.visitDate)],
      );
    });
  }

  /** The inspector's team-days: plan, team and date of every visit day of teams the user belongs to. */
  findDaysOfMember(userId: string): Promise<{ planId: string; planName: string; planStatus: string; teamId: string; teamName: string; visitDate: string; villages: number }[]> {
    return this.db.query(
      `SELECT p.id AS "planId", p.name AS "planName", p.status AS "planStatus", t.id AS "teamId", t.name AS "teamName",
              to_char(v.visit_date, 'YYYY-MM-DD') AS "visitDate", count(*)::int AS villages
       FROM team_member m JOIN team t ON t.id = m.team_id JOIN plan p ON p.id = t.plan_id JOIN plan_visit v ON v.team_id = t.id
       WHERE m.user_id = $1
       GROUP BY p.id, t.id, v.visit_date ORDER BY v.visit_date, p.name`,
      [userId],
    );
  }

  findUserIds(usernames: string[]): Promise<{ id: string; username: string; role: string; disabled: boolean }[]> {
    return this.db.query(`SELECT id, username, role, disabled FROM app_user WHERE username = ANY($1::text[])`, [usernames]);
  }
}
