import { Inject, Injectable } from '@nestjs/common';
import type { Conflict, ConflictRowDto, StopRecord, Substitution } from '@lookback/fieldwork';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';

/** A stored conflict with the stop its record belongs to, for the planner. */
export type ConflictRow = ConflictRowDto;

export interface SignoffRow {
  teamId: string;
  visitDate: string;
  names: string[];
  signedAt: Date;
  reopenedAt: Date | null;
  reopenReason: string | null;
}

/** A substitution row as a Substitution (columns of `substitution s`). */
const SUBSTITUTION = `s.client_id AS "clientId", s.plan_id AS "planId", s.village_code AS "villageCode", s.absent_household_no AS "absentHouseholdNo",
  s.reason, s.replacement_household_no AS "replacementHouseholdNo", s.stratum, to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  s.device_id AS "deviceId"`;

/** Every multi-row write of stop_record takes its rows in this order (see upsertRecords). */
function inClientIdOrder(records: readonly StopRecord[]): StopRecord[] {
  return [...records].sort((a, b) => (a.clientId.toLowerCase() < b.clientId.toLowerCase() ? -1 : 1));
}

/**
 * The records as the ten column arrays $1…$10 of the stop_record upserts (client_id, plan_id,
 * village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at).
 */
function recordColumns(records: readonly StopRecord[]): unknown[][] {
  return [
    records.map((r) => r.clientId),
    records.map((r) => r.planId),
    records.map((r) => r.villageCode),
    records.map((r) => r.stopKind),
    records.map((r) => r.stopCode),
    records.map((r) => r.status),
    records.map((r) => r.deviceId),
    records.map((r) => r.revision),
    records.map((r) => JSON.stringify(r)),
    records.map((r) => r.updatedAt),
  ];
}

/** Field records keyed by the device's ids: every write is an idempotent upsert. */
@Injectable()
export class FieldRecordsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Substitutions of one plan are checked and stored one at a time (across API instances too):
   * whether a reserve is next in its stratum depends on the plan's earlier substitutions.
   */
  async lockPlan(tx: EntityManager, planId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lookback:field:' || $1))`, [planId]);
  }

  /**
   * Merges of one record happen one at a time (across API instances too): a transaction-level
   * advisory lock per client id, taken in the order of the lock keys so that two batches sharing
   * records cannot deadlock (the key order, not the id order: two ids may share a hash).
   * A record that does not exist yet has no row to lock, hence an advisory lock rather than FOR UPDATE.
   */
  async lockRecords(tx: EntityManager, clientIds: string[]): Promise<void> {
    if (!clientIds.length) return;
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtext('lookback:record:' || lower(id)) AS k FROM unnest($1::text[]) AS id ORDER BY k) AS keys`,
      [clientIds],
    );
  }

  /** The stored records among `clientIds`, keyed by lower-case client id. */
  async findRecordsById(tx: EntityManager, clientIds: string[]): Promise<Map<string, StopRecord>> {
    if (!clientIds.length) return new Map();
    const rows: { clientId: string; record: StopRecord }[] = await tx.query(`SELECT client_id::text AS "clientId", record FROM stop_record WHERE client_id = ANY($1::uuid[])`, [clientIds]);
    return new Map(rows.map((r) => [r.clientId.toLowerCase(), r.record]));
  }

  /**
   * What an optimistic merge reads, in one query: the stored records among `clientIds` (keyed by
   * lower-case client id) with the version of each row (its xmin, which every update changes), and
   * the plan's substitutions.
   */
  async findForMerge(planId: string, clientIds: string[]): Promise<{ stored: Map<string, StopRecord>; versions: Map<string, string>; substitutions: Substitution[] }> {
    const [row]: { records: { clientId: string; record: StopRecord; version: string }[]; substitutions: Substitution[] }[] = await this.db.query(
      `SELECT (SELECT coalesce(json_agg(json_build_object('clientId', client_id, 'record', record, 'version', xmin::text)), '[]'::json)
               FROM stop_record WHERE client_id = ANY($2::uuid[])) AS records,
              (SELECT coalesce(json_agg(x), '[]'::json)
               FROM (SELECT ${SUBSTITUTION} FROM substitution s WHERE s.plan_id = $1 ORDER BY s.at, s.client_id) AS x) AS substitutions`,
      [planId, clientIds],
    );
    const stored = new Map<string, StopRecord>();
    const versions = new Map<string, string>();
    for (const r of row.records) {
      stored.set(r.clientId.toLowerCase(), r.record);
      versions.set(r.clientId.toLowerCase(), r.version);
    }
    return { stored, versions, substitutions: row.substitutions };
  }

  /**
   * Writes merged records and their conflicts in one statement, each record only if its row is
   * still the version that was read (`versions`; absent = there was no row): a row another batch
   * changed in between is left alone, and so are its conflicts. Rows are written in client id
   * order, so two batches sharing records lock them in the same order. Returns the lower-case
   * client ids written.
   */
  async writeIfUnchanged(planId: string, records: StopRecord[], versions: Map<string, string>, conflicts: { clientId: string; conflict: Conflict }[], userId: string): Promise<Set<string>> {
    if (!records.length) return new Set();
    const sorted = inClientIdOrder(records);
    const rows: { id: string }[] = await this.db.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[], $10::timestamptz[], $12::xid[])
           WITH ORDINALITY AS r(client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at, seen, n)
       ), written AS (
         INSERT INTO stop_record AS s (client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at, received_by)
         SELECT client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at, $11 FROM input ORDER BY n
         ON CONFLICT (client_id) DO UPDATE SET status = excluded.status, device_id = excluded.device_id, revision = excluded.revision,
           record = excluded.record, updated_at = excluded.updated_at, received_at = now(), received_by = excluded.received_by
         WHERE s.xmin = (SELECT i.seen FROM input i WHERE i.client_id = s.client_id)
         RETURNING s.client_id
       ), logged AS (
         INSERT INTO record_conflict (client_id, plan_id, conflict)
         SELECT c.client_id, $13, c.conflict FROM unnest($14::uuid[], $15::jsonb[]) WITH ORDINALITY AS c(client_id, conflict, n)
         WHERE c.client_id IN (SELECT client_id FROM written) ORDER BY c.n
       )
       SELECT client_id::text AS id FROM written`,
      [
        ...recordColumns(sorted),
        userId,
        sorted.map((r) => versions.get(r.clientId.toLowerCase()) ?? null),
        planId,
        conflicts.map((c) => c.clientId),
        conflicts.map((c) => JSON.stringify(c.conflict)),
      ],
    );
    return new Set(rows.map((r) => r.id.toLowerCase()));
  }

  async upsertRecord(tx: EntityManager, record: StopRecord, userId: string): Promise<void> {
    await this.upsertRecords(tx, [record], userId);
  }

  /**
   * Inserts or replaces the records (distinct client ids) in one statement, in client id order:
   * the order writeIfUnchanged writes in, so the two never wait for each other's rows in a cycle.
   */
  async upsertRecords(tx: EntityManager, records: StopRecord[], userId: string): Promise<void> {
    if (!records.length) return;
    records = inClientIdOrder(records);
    await tx.query(
      `INSERT INTO stop_record (client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at, received_by)
       SELECT r.client_id, r.plan_id, r.village_code, r.stop_kind, r.stop_code, r.status, r.device_id, r.revision, r.record, r.updated_at, $11
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[], $10::timestamptz[])
         AS r(client_id, plan_id, village_code, stop_kind, stop_code, status, device_id, revision, record, updated_at)
       ON CONFLICT (client_id) DO UPDATE SET status = excluded.status, device_id = excluded.device_id, revision = excluded.revision,
         record = excluded.record, updated_at = excluded.updated_at, received_at = now(), received_by = excluded.received_by`,
      [...recordColumns(records), userId],
    );
  }

  /** Records conflicts (in the given order) in one statement. */
  async insertConflicts(tx: EntityManager, planId: string, conflicts: { clientId: string; conflict: Conflict }[]): Promise<void> {
    if (!conflicts.length) return;
    await tx.query(
      `INSERT INTO record_conflict (client_id, plan_id, conflict)
       SELECT c.client_id, $1, c.conflict FROM unnest($2::uuid[], $3::jsonb[]) WITH ORDINALITY AS c(client_id, conflict, n) ORDER BY c.n`,
      [planId, conflicts.map((c) => c.clientId), conflicts.map((c) => JSON.stringify(c.conflict))],
    );
  }

  /** The plan's substitutions, inside `tx` when given (a sync validates against them under its lock). */
  async findSubstitutions(planId: string, tx?: EntityManager): Promise<Substitution[]> {
    return (tx ?? this.db).query(
      `SELECT ${SUBSTITUTION} FROM substitution s WHERE s.plan_id = $1 ORDER BY s.at, s.client_id`,
      [planId],
    );
  }

  /** The plan's substitutions with the display name of the account whose sync stored each (记录人). */
  async findSubstitutionsWithReceiver(planId: string): Promise<(Substitution & { receivedBy: string | null })[]> {
    return this.db.query(
      `SELECT ${SUBSTITUTION}, u.display_name AS "receivedBy"
       FROM substitution s LEFT JOIN app_user u ON u.id = s.received_by WHERE s.plan_id = $1 ORDER BY s.at, s.client_id`,
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

  async findConflicts(planId: string): Promise<ConflictRow[]> {
    const rows: (Omit<ConflictRow, 'at'> & { at: Date })[] = await this.db.query(
      `SELECT c.client_id AS "clientId", c.conflict, c.at, r.village_code AS "villageCode", r.stop_kind AS "stopKind", r.stop_code AS "stopCode"
       FROM record_conflict c JOIN stop_record r ON r.client_id = c.client_id WHERE c.plan_id = $1 ORDER BY c.at, c.id`,
      [planId],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }

  /** Where a stored record belongs (its plan and village), or null when no record has the id yet. */
  async findRecordPlace(clientId: string): Promise<{ planId: string; villageCode: string } | null> {
    const rows: { planId: string; villageCode: string }[] = await this.db.query(`SELECT plan_id AS "planId", village_code AS "villageCode" FROM stop_record WHERE client_id = $1`, [clientId]);
    return rows[0] ?? null;
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
