import { Inject, Injectable } from '@nestjs/common';
import type { LedgerEventDto, LedgerEvidenceDto, LedgerNature, LedgerStatus } from '@lookback/contracts';
import type { StopRecord } from '@lookback/fieldwork';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';

export interface LedgerItemRow {
  id: string;
  seq: number;
  planId: string | null;
  planName: string | null;
  planStatus: string | null;
  planTownCodes: string[] | null;
  townCode: string;
  townName: string;
  villageCode: string | null;
  villageName: string | null;
  problemType: string;
  severity: string | null;
  nature: LedgerNature;
  checkCategory: string | null;
  checkSubArea: string | null;
  checkText: string | null;
  description: string;
  measures: string;
  deadline: string | null;
  responsibleUnit: string;
  responsiblePerson: string;
  status: LedgerStatus;
  progressNote: string;
  completedOn: string | null;
  source: 'findings' | 'manual';
  issuedAt: Date | null;
  submittedBy: string | null;
  submittedByName: string | null;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  alert: 'due-soon' | 'overdue' | null;
  alertDeadline: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  findings: number;
  evidence: number;
}

export interface NewLedgerItem {
  planId: string | null;
  townCode: string;
  villageCode: string | null;
  problemType: string;
  severity: string | null;
  nature: LedgerNature;
  checkCategory: string | null;
  checkSubArea: string | null;
  checkText: string | null;
  description: string;
  measures: string;
  deadline: string | null;
  responsibleUnit: string;
  responsiblePerson: string;
  source: 'findings' | 'manual';
  createdBy: string;
}

/** Who may read which items: the service builds this from the caller. */
export interface LedgerVisibility {
  /** null: every town */
  towns: string[] | null;
  /** Only items the planner has issued (rectifiers, leaders). */
  issuedOnly: boolean;
  /** Items of a plan only when the plan is completed (leaders). */
  completedPlansOnly: boolean;
  /** Items of a plan only when the plan's towns all lie in `towns` (planners: plan secrecy). */
  planWithinTowns: boolean;
}

export interface LedgerFilter {
  status?: LedgerStatus;
  town?: string;
  overdue?: boolean;
  planId?: string;
  today: string;
}

export interface PlanFindingRow {
  stopClientId: string;
  villageCode: string;
  townCode: string;
  stopKind: string;
  stopCode: string;
  record: StopRecord;
}

const ITEM_SELECT = `
  SELECT i.id, i.seq, i.plan_id AS "planId", p.name AS "planName", p.status AS "planStatus", p.town_codes AS "planTownCodes",
         i.town_code AS "townCode", t.name AS "townName", i.village_code AS "villageCode", v.name AS "villageName",
         i.problem_type AS "problemType", i.severity, i.nature, i.check_category AS "checkCategory", i.check_sub_area AS "checkSubArea",
         i.check_text AS "checkText", i.description, i.measures, to_char(i.deadline, 'YYYY-MM-DD') AS deadline,
         i.responsible_unit AS "responsibleUnit", i.responsible_person AS "responsiblePerson", i.status, i.progress_note AS "progressNote",
         to_char(i.completed_on, 'YYYY-MM-DD') AS "completedOn", i.source, i.issued_at AS "issuedAt",
         i.submitted_by AS "submittedBy", su.display_name AS "submittedByName", i.reviewed_by AS "reviewedBy", ru.display_name AS "reviewedByName",
         i.reviewed_at AS "reviewedAt", i.alert, to_char(i.alert_deadline, 'YYYY-MM-DD') AS "alertDeadline",
         i.created_by AS "createdBy", i.created_at AS "createdAt", i.updated_at AS "updatedAt",
         (SELECT count(*)::int FROM ledger_item_finding f WHERE f.item_id = i.id) AS findings,
         (SELECT count(*)::int FROM ledger_evidence e WHERE e.item_id = i.id) AS evidence
  FROM ledger_item i
  JOIN town t ON t.code = i.town_code
  LEFT JOIN village v ON v.code = i.village_code
  LEFT JOIN plan p ON p.id = i.plan_id
  LEFT JOIN app_user su ON su.id = i.submitted_by
  LEFT JOIN app_user ru ON ru.id = i.reviewed_by`;

/** Evidence row `e` was uploaded after the item's last submission for review (no reviewer has seen it). */
const UNSEEN = `NOT EXISTS (SELECT 1 FROM ledger_event s WHERE s.item_id = e.item_id AND s.kind = 'transition' AND s.to_status = 'awaiting-review' AND s.at >= e.uploaded_at)`;

/** Ledger items, their findings, evidence, history and notifications (raw SQL). */
@Injectable()
export class LedgerRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Numbering and generation of one plan's items happen one at a time (across instances too). */
  async lockPlan(tx: EntityManager, planId: string | null): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lookback:ledger:' || $1))`, [planId ?? 'manual']);
  }

  private visibilitySql(v: LedgerVisibility, params: unknown[]): string {
    const where: string[] = [];
    if (v.towns !== null) {
      params.push(v.towns);
      const n = params.length;
      where.push(`i.town_code = ANY($${n}::text[])`);
      if (v.planWithinTowns) where.push(`(i.plan_id IS NULL OR p.town_codes <@ $${n}::text[])`);
    }
    if (v.issuedOnly) where.push(`i.issued_at IS NOT NULL`);
    if (v.completedPlansOnly) where.push(`(i.plan_id IS NULL OR p.status = 'completed')`);
    return where.length ? where.join(' AND ') : 'true';
  }

  async list(v: LedgerVisibility, f: LedgerFilter): Promise<LedgerItemRow[]> {
    const params: unknown[] = [];
    const where = [this.visibilitySql(v, params)];
    if (f.status) {
      params.push(f.status);
      where.push(`i.status = $${params.length}`);
    }
    if (f.town) {
      params.push(f.town);
      where.push(`i.town_code = $${params.length}`);
    }
    if (f.planId) {
      params.push(f.planId);
      where.push(`i.plan_id = $${params.length}`);
    }
    if (f.overdue !== undefined) {
      params.push(f.today);
      const overdue = `(i.deadline IS NOT NULL AND i.status <> 'closed' AND i.deadline < $${params.length}::date)`;
      where.push(f.overdue ? overdue : `NOT ${overdue}`);
    }
    return this.db.query(`${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.plan_id NULLS LAST, i.seq LIMIT 5000`, params);
  }

  async find(id: string, v: LedgerVisibility | null, tx?: EntityManager): Promise<LedgerItemRow | null> {
    const params: unknown[] = [id];
    const where = v ? this.visibilitySql(v, params) : 'true';
    const rows: LedgerItemRow[] = await (tx ?? this.db).query(`${ITEM_SELECT} WHERE i.id = $1 AND ${where}${tx ? ' FOR UPDATE OF i' : ''}`, params);
    return rows[0] ?? null;
  }

  async insert(tx: EntityManager, item: NewLedgerItem, at: Date): Promise<string> {
    const [{ seq }]: { seq: number }[] = await tx.query(
      `SELECT COALESCE(max(seq), 0) + 1 AS seq FROM ledger_item WHERE plan_id IS NOT DISTINCT FROM $1`,
      [item.planId],
    );
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO ledger_item (seq, plan_id, town_code, village_code, problem_type, severity, nature, check_category, check_sub_area, check_text,
         description, measures, deadline, responsible_unit, responsible_person, source, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id`,
      [seq, item.planId, item.townCode, item.villageCode, item.problemType, item.severity, item.nature, item.checkCategory, item.checkSubArea, item.checkText,
        item.description, item.measures, item.deadline, item.responsibleUnit, item.responsiblePerson, item.source, item.createdBy, at],
    );
    return id;
  }

  async linkFindings(tx: EntityManager, itemId: string, keys: { stopClientId: string; answerItemId: string }[]): Promise<void> {
    for (const k of keys) {
      await tx.query(`INSERT INTO ledger_item_finding (item_id, stop_client_id, answer_item_id) VALUES ($1, $2, $3)`, [itemId, k.stopClientId, k.answerItemId]);
    }
  }

  /** The findings already in some item, of a plan: key → item id and seq. */
  async linkedFindings(planId: string, tx?: EntityManager): Promise<Map<string, { itemId: string; seq: number }>> {
    const rows: { key: string; itemId: string; seq: number }[] = await (tx ?? this.db).query(
      `SELECT f.stop_client_id || ':' || f.answer_item_id AS key, f.item_id AS "itemId", i.seq
       FROM ledger_item_finding f JOIN stop_record s ON s.client_id = f.stop_client_id JOIN ledger_item i ON i.id = f.item_id
       WHERE s.plan_id = $1`,
      [planId],
    );
    return new Map(rows.map((r) => [r.key, { itemId: r.itemId, seq: r.seq }]));
  }

  async planRecords(planId: string, tx?: EntityManager): Promise<PlanFindingRow[]> {
    return (tx ?? this.db).query(
      `SELECT s.client_id AS "stopClientId", s.village_code AS "villageCode", v.town_code AS "townCode", s.stop_kind AS "stopKind",
              s.stop_code AS "stopCode", s.record
       FROM stop_record s JOIN village v ON v.code = s.village_code
       WHERE s.plan_id = $1 ORDER BY v.town_code, s.village_code, s.stop_kind, s.stop_code, s.client_id`,
      [planId],
    );
  }

  async itemFindings(itemId: string): Promise<PlanFindingRow[]> {
    return this.db.query(
      `SELECT s.client_id AS "stopClientId", s.village_code AS "villageCode", v.town_code AS "townCode", s.stop_kind AS "stopKind",
              s.stop_code AS "stopCode", jsonb_build_object('answers', COALESCE((SELECT jsonb_agg(a) FROM jsonb_array_elements(s.record->'answers') a
                WHERE a->>'itemId' = f.answer_item_id), '[]'::jsonb), 'templateId', s.record->'templateId', 'templateVersion', s.record->'templateVersion') AS record
       FROM ledger_item_finding f JOIN stop_record s ON s.client_id = f.stop_client_id JOIN village v ON v.code = s.village_code
       WHERE f.item_id = $1 ORDER BY s.stop_code, f.answer_item_id`,
      [itemId],
    );
  }

  async update(tx: EntityManager, id: string, fields: Record<string, unknown>, at: Date): Promise<void> {
    const cols = Object.keys(fields);
    if (!cols.length) return;
    const sets = cols.map((c, n) => `${c} = $${n + 2}`);
    await tx.query(`UPDATE ledger_item SET ${sets.join(', ')}, updated_at = $${cols.length + 2} WHERE id = $1`, [id, ...cols.map((c) => fields[c]), at]);
  }

  async event(
    tx: EntityManager | null,
    e: { itemId: string; at: Date; actorId: string | null; kind: LedgerEventDto['kind']; from?: LedgerStatus | null; to?: LedgerStatus | null; note?: string },
  ): Promise<void> {
    await (tx ?? this.db).query(`INSERT INTO ledger_event (item_id, at, actor_id, kind, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      e.itemId,
      e.at,
      e.actorId,
      e.kind,
      e.from ?? null,
      e.to ?? null,
      e.note ?? '',
    ]);
  }

  async events(itemId: string): Promise<LedgerEventDto[]> {
    return this.db.query(
      `SELECT e.id::int AS id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, u.display_name AS actor, e.kind,
              e.from_status AS "fromStatus", e.to_status AS "toStatus", e.note
       FROM ledger_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.item_id = $1 ORDER BY e.id`,
      [itemId],
    );
  }

  /**
   * The item's files; `ownUnseen` marks those `userId` uploaded since the item was last submitted
   * for review (no reviewer has seen them), which the service lets them remove.
   */
  async evidenceList(itemId: string, userId: string): Promise<(Omit<LedgerEvidenceDto, 'removable'> & { ownUnseen: boolean })[]> {
    return this.db.query(
      `SELECT e.id, e.file_name AS "fileName", e.content_type AS "contentType", e.bytes, e.sha256, u.display_name AS "uploadedBy",
              to_char(e.uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "uploadedAt",
              (e.uploaded_by = $2 AND ${UNSEEN}) AS "ownUnseen"
       FROM ledger_evidence e JOIN app_user u ON u.id = e.uploaded_by WHERE e.item_id = $1 ORDER BY e.uploaded_at, e.id`,
      [itemId, userId],
    );
  }

  /** Deletes a file `userId` uploaded that no reviewer has seen; answers its name, or null when there is none such. */
  async removeEvidence(tx: EntityManager, itemId: string, evidenceId: string, userId: string): Promise<{ fileName: string; seen: boolean; own: boolean } | null> {
    const [file]: { fileName: string; seen: boolean; own: boolean }[] = await tx.query(
      `SELECT e.file_name AS "fileName", NOT ${UNSEEN} AS seen, e.uploaded_by = $3 AS own FROM ledger_evidence e WHERE e.item_id = $1 AND e.id = $2`,
      [itemId, evidenceId, userId],
    );
    if (file && !file.seen && file.own) await tx.query(`DELETE FROM ledger_evidence WHERE item_id = $1 AND id = $2`, [itemId, evidenceId]);
    return file ?? null;
  }

  /** Stores a file once per item (same SHA-256 again: nothing new). Answers whether it was new. */
  async insertEvidence(tx: EntityManager, e: { itemId: string; sha256: string; fileName: string; contentType: string; content: Buffer; userId: string; at: Date }): Promise<{ id: string; stored: boolean }> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO ledger_evidence (item_id, sha256, file_name, content_type, bytes, content, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (item_id, sha256) DO NOTHING RETURNING id`,
      [e.itemId, e.sha256, e.fileName, e.contentType, e.content.length, e.content, e.userId, e.at],
    );
    if (rows.length) return { id: rows[0].id, stored: true };
    const [existing]: { id: string }[] = await tx.query(`SELECT id FROM ledger_evidence WHERE item_id = $1 AND sha256 = $2`, [e.itemId, e.sha256]);
    return { id: existing.id, stored: false };
  }

  async evidenceContent(itemId: string, evidenceId: string): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
    const rows: { fileName: string; contentType: string; content: Buffer }[] = await this.db.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", content FROM ledger_evidence WHERE item_id = $1 AND id = $2`,
      [itemId, evidenceId],
    );
    return rows[0] ?? null;
  }

  /** Active rectifier accounts whose scope holds the town; planners who see the town. */
  async recipients(townCode: string, createdBy: string): Promise<{ rectifiers: string[]; planners: string[] }> {
    const rows: { id: string; role: string }[] = await this.db.query(
      `SELECT id, role FROM app_user WHERE NOT disabled AND (
         (role = 'rectifier' AND $1 = ANY(scope_towns)) OR (role = 'planner' AND id = $2))`,
      [townCode, createdBy],
    );
    return { rectifiers: rows.filter((r) => r.role === 'rectifier').map((r) => r.id), planners: rows.filter((r) => r.role === 'planner').map((r) => r.id) };
  }

  /** One notification per user and key; answers how many were new. */
  async notify(tx: EntityManager | null, n: { userIds: string[]; unitTownCode: string | null; kind: string; itemId: string | null; text: string; dedupeKey: string; at: Date }): Promise<number> {
    if (!n.userIds.length) return 0;
    const rows: unknown[] = await (tx ?? this.db).query(
      `INSERT INTO notification (user_id, unit_town_code, kind, item_id, text, dedupe_key, created_at)
       SELECT u, $2, $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) u
       ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [n.userIds, n.unitTownCode, n.kind, n.itemId, n.text, n.dedupeKey, n.at],
    );
    return rows.length;
  }
}
