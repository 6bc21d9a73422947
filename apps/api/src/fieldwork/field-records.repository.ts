import { Inject, Injectable } from '@nestjs/common';
import type { Conflict, StopRecord, Substitution } from '@lookback/fieldwork';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';

export interface SignoffRow {
  teamId: string;
  visitDate: string;
  names: string[];
  signedAt: Date;
  reopenedAt: Date | null;
  reopenReason: string | null;
}

/** Field records keyed by the device's ids: every write is an idempotent upsert. */
@Injectable()
export class FieldRecordsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Merges of one plan happen one at a time (across API instances too). */
  async lockPlan(tx: EntityManager, planId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lookback:field:' || $1))`, [planId]);
  }

  async findRecord(tx: EntityManager, clientId: string): Promise<StopRecord | null> {
    const rows: { record: StopRecord }[] = await tx.query(`SELECT record FROM stop_record WHERE client_id = $1`, [clientId]);
    return rows[0]?.record ?? null;
  }

  async upsertRecord(tx: EntityManager, record: StopRecord, userId: string): Promise<void> {
    await tx.query(
      `INSERT INTO stop_record (client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at, received_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (client_id) DO UPDATE SET status = excluded.status, device_id = excluded.device_id, revision = excluded.revision,
         record = excluded.record, updated_at = excluded.updated_at, received_at = now(), received_by = excluded.received_by`,
      [record.clientId, record.planId, record.villageCode, record.stopKind, record.stopCode, record.status, record.deviceId, record.revision, JSON.stringify(record), record.updatedAt, userId],
    );
  }

  async insertConflicts(tx: EntityManager, planId: string, clientId: string, conflicts: Conflict[]): Promise<void> {
    for (const conflict of conflicts) {
      await tx.query(`INSERT INTO record_conflict (client_id, plan_id, conflict) VALUES ($1, $2, $3)`, [clientId, planId, JSON.stringify(conflict)]);
    }
  }

  /** The plan's substitutions, inside `tx` when given (a sync validates against them under its lock). */
  async findSubstitutions(planId: string, tx?: EntityManager): Promise<Substitution[]> {
    return (tx ?? this.db).query(
      `SELECT client_id AS "clientId", plan_id AS "planId", village_code AS "villageCode", absent_household_no AS "absentHouseholdNo",
              reason, replacement_household_no AS "replacementHouseholdNo", stratum, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, device_id AS "deviceId"
       FROM substitution WHERE plan_id = $1 ORDER BY at, client_id`,
      [planId],
    );
  }

  async insertSubstitution(tx: EntityManager, sub: Substitution, userId: string): Promise<void> {
    await tx.query(
      `INSERT INTO substitution (client_id, plan_id, village_code, absent_household_no, replacement_household_no, stratum, reason, device_id, at, received_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [sub.clientId, sub.planId, sub.villageCode, sub.absentHouseholdNo, sub.replacementHouseholdNo, sub.stratum, sub.reason, sub.deviceId, sub.at, userId],
    );
  }

  async findRecords(planId: string, villageCodes: string[] | null): Promise<StopRecord[]> {
    const rows: { record: StopRecord }[] = await this.db.query(
      `SELECT record FROM stop_record WHERE plan_id = $1 AND ($2::text[] IS NULL OR village_code = ANY($2::text[])) ORDER BY village_code, stop_kind, stop_code, client_id`,
      [planId, villageCodes],
    );
    return rows.map((r) => r.record);
  }

  async findConflicts(planId: string): Promise<{ clientId: string; conflict: Conflict; at: string }[]> {
    const rows: { clientId: string; conflict: Conflict; at: Date }[] = await this.db.query(
      `SELECT client_id AS "clientId", conflict, at FROM record_conflict WHERE plan_id = $1 ORDER BY at, id`,
      [planId],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }

  async findPhoto(clientId: string): Promise<{ sha256: string } | null> {
    const rows: { sha256: string }[] = await this.db.query(`SELECT sha256 FROM photo WHERE client_id = $1`, [clientId]);
    return rows[0] ?? null;
  }

  async insertPhoto(photo: { clientId: string; planId: string; stopClientId: string; sha256: string; contentType: string; meta: unknown; content: Buffer; userId: string }): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO photo (client_id, plan_id, stop_client_id, sha256, content_type, bytes, meta, content, received_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id) DO NOTHING RETURNING 1`,
      [photo.clientId, photo.planId, photo.stopClientId, photo.sha256, photo.contentType, photo.content.length, JSON.stringify(photo.meta), photo.content, photo.userId],
    );
    return rows.length > 0;
  }

  async countPhotos(planId: string): Promise<Map<string, number>> {
    const rows: { stopClientId: string; n: number }[] = await this.db.query(
      `SELECT stop_client_id AS "stopClientId", count(*)::int AS n FROM photo WHERE plan_id = $1 GROUP BY stop_client_id`,
      [planId],
    );
    return new Map(rows.map((r) => [r.stopClientId, r.n]));
  }

  async findSignoff(planId: string, teamId: string, date: string): Promise<SignoffRow | null> {
    const rows: SignoffRow[] = await this.db.query(
      `SELECT team_id AS "teamId", to_char(visit_date, 'YYYY-MM-DD') AS "visitDate", names, signed_at AS "signedAt", reopened_at AS "reopenedAt", reopen_reason AS "reopenReason"
       FROM day_signoff WHERE plan_id = $1 AND team_id = $2 AND visit_date = $3`,
      [planId, teamId, date],
    );
    return rows[0] ?? null;
  }

  async findSignoffs(planId: string): Promise<SignoffRow[]> {
    return this.db.query(
      `SELECT team_id AS "teamId", to_char(visit_date, 'YYYY-MM-DD') AS "visitDate", names, signed_at AS "signedAt", reopened_at AS "reopenedAt", reopen_reason AS "reopenReason"
       FROM day_signoff WHERE plan_id = $1 ORDER BY visit_date`,
      [planId],
    );
  }

  async sign(planId: string, teamId: string, date: string, names: string[], userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO day_signoff (plan_id, team_id, visit_date, names, signed_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (plan_id, team_id, visit_date) DO UPDATE SET names = excluded.names, signed_by = excluded.signed_by, signed_at = now(),
         reopened_at = NULL, reopened_by = NULL, reopen_reason = NULL`,
      [planId, teamId, date, names, userId],
    );
  }

  async reopen(planId: string, teamId: string, date: string, reason: string, userId: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH reopened AS (
         UPDATE day_signoff SET reopened_at = now(), reopened_by = $5, reopen_reason = $4
         WHERE plan_id = $1 AND team_id = $2 AND visit_date = $3 AND reopened_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM reopened`,
      [planId, teamId, date, reason, userId],
    );
    return n > 0;
  }
}
