import { Inject, Injectable } from '@nestjs/common';
import type { FieldStop, FieldSubstitution, FieldVillageDraw, InspectionRound, LedgerItem, PreviousEntry, RankingSnapshot, ScoringScheme } from '@lookback/scoring';
import type { QuizResult } from '@lookback/quiz';
import { DATABASE, type Database } from '../common/database.js';

export interface SchemeRow {
  id: string;
  version: string;
  body: ScoringScheme;
  fingerprint: string;
  note: string;
  createdBy: string | null;
  createdAt: Date;
}

/** Which completed plan each village's figures came from. */
export interface VillageSource {
  planId: string;
  planName: string;
  completedAt: string;
}

/** What a snapshot stores to be re-scored: the round and the previous week's ranks. */
export interface SnapshotInputs {
  round: InspectionRound;
  previous: { villages: PreviousEntry[]; towns: PreviousEntry[] } | null;
}

export interface SnapshotRow {
  id: string;
  period: string;
  asOf: string;
  kind: 'scheduled' | 'on-demand';
  schemeId: string;
  schemeVersion: string;
  schemeFingerprint: string;
  previousId: string | null;
  createdAt: Date;
}

/** A snapshot as the screens read it: everything but the (large) inputs. */
export interface ReadSnapshotRow extends SnapshotRow {
  sources: Record<string, VillageSource>;
  excluded: { code: string; reason: string }[];
  result: RankingSnapshot;
}

export interface FullSnapshotRow extends ReadSnapshotRow {
  inputs: SnapshotInputs;
}

/** The latest completed inspection of one village, with what the field work stored for it. */
export interface VillageFieldRows {
  villageCode: string;
  townCode: string;
  planId: string;
  planName: string;
  completedAt: Date;
  draw: FieldVillageDraw;
}

const SNAPSHOT_COLUMNS = `id, period, to_char(as_of, 'YYYY-MM-DD') AS "asOf", kind, scheme_id AS "schemeId", scheme_version AS "schemeVersion",
  scheme_fingerprint AS "schemeFingerprint", previous_id AS "previousId", created_at AS "createdAt"`;

/** Scoring schemes, ranking snapshots, and the reads of field data and ledger items they are built from. */

/**
 * Ledger items that rankings and dashboards may count: made by hand, or from a completed plan.
 * Items generated from a plan still under way would tell a leader where the inspectors have been
 * before the plan is completed (the plan's secrecy rule).
 */
/**
 * The ledger items that concern each village of `$1` (text[]), as (item_id, village): its own
 * village-level items, and a town-level item (a merged 共性问题) in every village one of its findings
 * came from — so that merging findings does not take their overdue items out of the ranking.
 */
const ITEMS_OF_VILLAGES = `(
  SELECT id AS item_id, village_code AS village FROM ledger_item WHERE village_code = ANY($1::text[])
  UNION
  SELECT f.item_id, s.village_code FROM ledger_item_finding f
    JOIN ledger_item li ON li.id = f.item_id AND li.village_code IS NULL
    JOIN stop_record s ON s.client_id = f.stop_client_id
  WHERE s.village_code = ANY($1::text[]))`;

const LEDGER_OF_COMPLETED_PLANS = `(ledger_item.plan_id IS NULL OR EXISTS (SELECT 1 FROM plan WHERE plan.id = ledger_item.plan_id AND plan.status = 'completed'))`;

@Injectable()
export class RankingsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  // ---- schemes -------------------------------------------------------------------------------

  async insertSchemeIfNone(version: string, body: ScoringScheme, fingerprint: string): Promise<void> {
    await this.db.query(
      `INSERT INTO scoring_scheme (version, body, fingerprint, note)
       SELECT $1, $2, $3, '系统默认评分方案' WHERE NOT EXISTS (SELECT 1 FROM scoring_scheme)
       ON CONFLICT (version) DO NOTHING`,
      [version, JSON.stringify(body), fingerprint],
    );
  }

  /** Answers null when the version exists already. */
  async insertScheme(version: string, body: ScoringScheme, fingerprint: string, note: string, userId: string): Promise<SchemeRow | null> {
    const rows: SchemeRow[] = await this.db.query(
      `INSERT INTO scoring_scheme (version, body, fingerprint, note, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (version) DO NOTHING
       RETURNING id, version, body, fingerprint, note, (SELECT username FROM app_user WHERE id = created_by) AS "createdBy", created_at AS "createdAt"`,
      [version, JSON.stringify(body), fingerprint, note, userId],
    );
    return rows[0] ?? null;
  }

  listSchemes(): Promise<SchemeRow[]> {
    return this.db.query(
      `SELECT s.id, s.version, s.body, s.fingerprint, s.note, u.username AS "createdBy", s.created_at AS "createdAt"
       FROM scoring_scheme s LEFT JOIN app_user u ON u.id = s.created_by ORDER BY s.created_at DESC, s.version DESC`,
    );
  }

  async findScheme(version: string): Promise<SchemeRow | null> {
    const rows: SchemeRow[] = await this.db.query(
      `SELECT s.id, s.version, s.body, s.fingerprint, s.note, u.username AS "createdBy", s.created_at AS "createdAt"
       FROM scoring_scheme s LEFT JOIN app_user u ON u.id = s.created_by WHERE s.version = $1`,
      [version],
    );
    return rows[0] ?? null;
  }

  // ---- field data ----------------------------------------------------------------------------

  /**
   * For each village, its latest completed inspection (plan status completed, completed by
   * `until`): the plan and the village's part of the draw record.
   */
  latestCompletedVillages(until: Date): Promise<VillageFieldRows[]> {
    return this.db.query(
      `SELECT DISTINCT ON (v->>'villageCode') v->>'villageCode' AS "villageCode", vil.town_code AS "townCode",
              p.id AS "planId", p.name AS "planName", p.completed_at AS "completedAt",
              jsonb_build_object('villageCode', v->'villageCode', 'households', v->'households', 'strata', v->'strata', 'sample', v->'sample') AS draw
       FROM plan p CROSS JOIN LATERAL jsonb_array_elements(p.draw_record->'villages') v
       JOIN village vil ON vil.code = v->>'villageCode'
       WHERE p.status = 'completed' AND p.completed_at <= $1
       ORDER BY v->>'villageCode', p.completed_at DESC, p.id`,
      [until],
    );
  }

  /** Stop records of (plan, village) pairs, by pair key "planId|villageCode". */
  async stops(pairs: { planId: string; villageCode: string }[]): Promise<Map<string, FieldStop[]>> {
    const rows: ({ key: string } & FieldStop)[] = await this.db.query(
      `SELECT s.plan_id || '|' || s.village_code AS key, s.stop_kind AS "stopKind", s.stop_code AS "stopCode", s.status,
              s.record->>'updatedAt' AS "updatedAt", s.record->'answers' AS answers
       FROM stop_record s JOIN unnest($1::uuid[], $2::text[]) AS pair(plan_id, village_code) ON s.plan_id = pair.plan_id AND s.village_code = pair.village_code`,
      [pairs.map((p) => p.planId), pairs.map((p) => p.villageCode)],
    );
    return group(rows, ({ stopKind, stopCode, status, updatedAt, answers }) => ({ stopKind, stopCode, status, updatedAt, answers }));
  }

  async substitutions(pairs: { planId: string; villageCode: string }[]): Promise<Map<string, FieldSubstitution[]>> {
    const rows: ({ key: string } & FieldSubstitution)[] = await this.db.query(
      `SELECT s.plan_id || '|' || s.village_code AS key, s.absent_household_no AS "absentHouseholdNo", s.replacement_household_no AS "replacementHouseholdNo", s.stratum
       FROM substitution s JOIN unnest($1::uuid[], $2::text[]) AS pair(plan_id, village_code) ON s.plan_id = pair.plan_id AND s.village_code = pair.village_code`,
      [pairs.map((p) => p.planId), pairs.map((p) => p.villageCode)],
    );
    return group(rows, ({ absentHouseholdNo, replacementHouseholdNo, stratum }) => ({ absentHouseholdNo, replacementHouseholdNo, stratum }));
  }

  async quizPercents(pairs: { planId: string; villageCode: string }[]): Promise<Map<string, { cadreNo: string; percent: number }[]>> {
    const rows: { key: string; cadreNo: string; percent: number }[] = await this.db.query(
      `SELECT q.plan_id || '|' || q.village_code AS key, q.cadre_no AS "cadreNo", (q.result->>'percent')::float8 AS percent
       FROM quiz_result q JOIN unnest($1::uuid[], $2::text[]) AS pair(plan_id, village_code) ON q.plan_id = pair.plan_id AND q.village_code = pair.village_code
       ORDER BY q.cadre_no`,
      [pairs.map((p) => p.planId), pairs.map((p) => p.villageCode)],
    );
    return group(rows, ({ cadreNo, percent }) => ({ cadreNo, percent }));
  }

  /**
   * Ledger items of the villages as they stood at `until`: issued by then (an item not yet issued
   * to its 责任单位 owes nothing), of completed plans or made by hand; a closing
   * (销号) after the day counts as still open.
   */
  async ledgerItems(villageCodes: string[], until: Date, asOf: string): Promise<Map<string, LedgerItem[]>> {
    const rows: { key: string; id: string; deadline: string | null; completedOn: string | null }[] = await this.db.query(
      `SELECT iv.village AS key, id, to_char(deadline, 'YYYY-MM-DD') AS deadline,
              CASE WHEN completed_on <= $3::date THEN to_char(completed_on, 'YYYY-MM-DD') END AS "completedOn"
       FROM ledger_item JOIN ${ITEMS_OF_VILLAGES} iv ON iv.item_id = ledger_item.id
       WHERE issued_at <= $2 AND ${LEDGER_OF_COMPLETED_PLANS} ORDER BY iv.village, seq, id`,
      [villageCodes, until, asOf],
    );
    return group(rows, ({ id, deadline, completedOn }) => ({ id, deadline, completedOn }));
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /** The ranks of the latest snapshot of the latest week before `period` (from ranking_entry, not the stored JSON). */
  async previousEntries(period: string): Promise<{ id: string; villages: PreviousEntry[]; towns: PreviousEntry[] } | null> {
    const rows: { id: string; level: 'village' | 'town' | null; code: string; rank: number; score: number }[] = await this.db.query(
      `WITH prev AS (SELECT id FROM ranking_snapshot WHERE period < $1 ORDER BY period DESC, created_at DESC, id DESC LIMIT 1)
       SELECT p.id, e.level, e.code, e.rank, e.score FROM prev p LEFT JOIN ranking_entry e ON e.snapshot_id = p.id ORDER BY e.level, e.rank, e.code`,
      [period],
    );
    if (rows.length === 0) return null;
    const pick = (level: string) => rows.filter((r) => r.level === level).map(({ code, rank, score }) => ({ code, rank, score }));
    return { id: rows[0].id, villages: pick('village'), towns: pick('town') };
  }

  async insertSnapshot(s: {
    period: string;
    asOf: string;
    kind: 'scheduled' | 'on-demand';
    schemeId: string;
    schemeVersion: string;
    schemeFingerprint: string;
    previousId: string | null;
    inputs: SnapshotInputs;
    sources: Record<string, VillageSource>;
    excluded: { code: string; reason: string }[];
    result: RankingSnapshot;
    createdBy: string | null;
    createdAt: Date;
  }): Promise<SnapshotRow> {
    return this.db.transaction(async (tx) => {
      const [row]: SnapshotRow[] = await tx.query(
        `INSERT INTO ranking_snapshot (period, as_of, kind, scheme_id, scheme_version, scheme_fingerprint, previous_id, inputs, sources, excluded, result, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${SNAPSHOT_COLUMNS}`,
        [s.period, s.asOf, s.kind, s.schemeId, s.schemeVersion, s.schemeFingerprint, s.previousId, JSON.stringify(s.inputs), JSON.stringify(s.sources), JSON.stringify(s.excluded), JSON.stringify(s.result), s.createdBy, s.createdAt],
      );
      const townOf = new Map(s.result.villageScores.map((v) => [v.villageCode, v.townCode]));
      const entries = [
        ...s.result.villages.map((e) => ({ level: 'village', town: townOf.get(e.code)!, e })),
        ...s.result.towns.map((e) => ({ level: 'town', town: e.code, e })),
      ];
      if (entries.length > 0) {
        await tx.query(
          `INSERT INTO ranking_entry (snapshot_id, level, code, town_code, rank, score, lo, hi, previous_rank, tie_group)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::int[])`,
          [
            row.id,
            entries.map((x) => x.level),
            entries.map((x) => x.e.code),
            entries.map((x) => x.town),
            entries.map((x) => x.e.rank),
            entries.map((x) => x.e.score),
            entries.map((x) => x.e.interval[0]),
            entries.map((x) => x.e.interval[1]),
            entries.map((x) => x.e.previousRank),
            entries.map((x) => x.e.tieGroup),
          ],
        );
      }
      return row;
    });
  }

  /** One row per week: the latest snapshot of it and how many were taken. */
  weeks(): Promise<(SnapshotRow & { snapshots: number })[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT ${SNAPSHOT_COLUMNS}, count(*) OVER (PARTITION BY period)::int AS snapshots,
                row_number() OVER (PARTITION BY period ORDER BY created_at DESC, id DESC) AS n
         FROM ranking_snapshot) s
       WHERE n = 1 ORDER BY period DESC`,
    );
  }

  /** The latest snapshot of the week ('latest': of the latest week), without its inputs. */
  async findForWeek(week: string): Promise<ReadSnapshotRow | null> {
    const rows: ReadSnapshotRow[] = await this.db.query(
      `SELECT ${SNAPSHOT_COLUMNS}, sources, excluded, result FROM ranking_snapshot
       WHERE ($1::text = 'latest' OR period = $1) ORDER BY period DESC, created_at DESC, id DESC LIMIT 1`,
      [week],
    );
    return rows[0] ?? null;
  }

  /**
   * The id of the snapshot a week shows ('latest': the newest), and a marker that changes whenever
   * town or village names may have (the last finished village import): together they name one
   * ranking table exactly, so a table built from them can be kept (RankingsService.table).
   */
  async tableKey(week: string): Promise<{ id: string; names: string } | null> {
    const rows: { id: string; names: string }[] = await this.db.query(
      `SELECT id, coalesce((SELECT max(finished_at) FROM import_job WHERE kind = 'villages' AND status = 'done')::text, '') AS names
       FROM ranking_snapshot WHERE ($1::text = 'latest' OR period = $1) ORDER BY period DESC, created_at DESC, id DESC LIMIT 1`,
      [week],
    );
    return rows[0] ?? null;
  }

  async findReadById(id: string): Promise<ReadSnapshotRow | null> {
    const rows: ReadSnapshotRow[] = await this.db.query(`SELECT ${SNAPSHOT_COLUMNS}, sources, excluded, result FROM ranking_snapshot WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<FullSnapshotRow | null> {
    const rows: FullSnapshotRow[] = await this.db.query(`SELECT ${SNAPSHOT_COLUMNS}, inputs, sources, excluded, result FROM ranking_snapshot WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async periodOf(id: string | null): Promise<string | null> {
    if (!id) return null;
    const rows: { period: string }[] = await this.db.query(`SELECT period FROM ranking_snapshot WHERE id = $1`, [id]);
    return rows[0]?.period ?? null;
  }

  /** Average village score per week (latest snapshot of each week), over the villages in scope. */
  trend(scopeTowns: string[] | null): Promise<{ period: string; averageScore: number; villages: number }[]> {
    return this.db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (period) id, period FROM ranking_snapshot ORDER BY period, created_at DESC, id DESC)
       SELECT l.period, avg(e.score)::float8 AS "averageScore", count(*)::int AS villages
       FROM latest l JOIN ranking_entry e ON e.snapshot_id = l.id AND e.level = 'village'
       WHERE $1::text[] IS NULL OR e.town_code = ANY($1::text[])
       GROUP BY l.period ORDER BY l.period`,
      [scopeTowns],
    );
  }

  // ---- names, findings, ledger for the screens -----------------------------------------------

  async villageNames(codes: string[]): Promise<Map<string, { name: string; townCode: string; townName: string; lat: number; lng: number }>> {
    const rows: { code: string; name: string; townCode: string; townName: string; lat: number; lng: number }[] = await this.db.query(
      `SELECT v.code, v.name, v.town_code AS "townCode", t.name AS "townName", v.lat, v.lng FROM village v JOIN town t ON t.code = v.town_code WHERE v.code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  async townNames(): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.db.query(`SELECT code, name FROM town`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The answers carrying a problem in a village's records of a plan, with the household head's name. */
  findings(planId: string, villageCode: string): Promise<{ stopKind: string; stopCode: string; headName: string | null; itemId: string; problemType: string; severity: string; description: string }[]> {
    return this.db.query(
      `SELECT s.stop_kind AS "stopKind", s.stop_code AS "stopCode", h.head_name AS "headName", a->>'itemId' AS "itemId",
              a->'problem'->>'problemType' AS "problemType", a->'problem'->>'severity' AS severity, a->'problem'->>'description' AS description
       FROM stop_record s CROSS JOIN LATERAL jsonb_array_elements(s.record->'answers') a
       LEFT JOIN household h ON s.stop_kind = 'household' AND h.household_no = s.stop_code
       WHERE s.plan_id = $1 AND s.village_code = $2 AND s.status = 'complete' AND a ? 'problem'
       ORDER BY s.stop_kind, s.stop_code, a->>'itemId'`,
      [planId, villageCode],
    );
  }

  ledgerOfVillage(villageCode: string): Promise<{ id: string; seq: number; problemType: string; description: string; deadline: string | null; status: string; completedOn: string | null; responsibleUnit: string }[]> {
    return this.db.query(
      `SELECT id, seq, problem_type AS "problemType", description, to_char(deadline, 'YYYY-MM-DD') AS deadline, status,
              to_char(completed_on, 'YYYY-MM-DD') AS "completedOn", responsible_unit AS "responsibleUnit"
       FROM ledger_item JOIN ${ITEMS_OF_VILLAGES} iv ON iv.item_id = ledger_item.id
       WHERE issued_at IS NOT NULL AND ${LEDGER_OF_COMPLETED_PLANS} ORDER BY seq, id`,
      [[villageCode]],
    );
  }

  /** Problems by type over the given (plan, village) pairs: every complete stop's answers with a problem. */
  problemsByType(pairs: { planId: string; villageCode: string }[]): Promise<{ problemType: string; findings: number }[]> {
    return this.db.query(
      `SELECT a->'problem'->>'problemType' AS "problemType", count(*)::int AS findings
       FROM stop_record s JOIN unnest($1::uuid[], $2::text[]) AS pair(plan_id, village_code) ON s.plan_id = pair.plan_id AND s.village_code = pair.village_code
       CROSS JOIN LATERAL jsonb_array_elements(s.record->'answers') a
       WHERE s.status = 'complete' AND a ? 'problem'
       GROUP BY 1 ORDER BY 2 DESC, 1`,
      [pairs.map((p) => p.planId), pairs.map((p) => p.villageCode)],
    );
  }

  ledgerFigures(scopeTowns: string[] | null): Promise<{ deadline: string | null; completedOn: string | null; status: string }[]> {
    return this.db.query(
      `SELECT to_char(deadline, 'YYYY-MM-DD') AS deadline, to_char(completed_on, 'YYYY-MM-DD') AS "completedOn", status
       FROM ledger_item WHERE ($1::text[] IS NULL OR town_code = ANY($1::text[])) AND issued_at IS NOT NULL AND ${LEDGER_OF_COMPLETED_PLANS}`,
      [scopeTowns],
    );
  }

  /** Graded quizzes of the given plans, in the user's towns. */
  quizResults(planIds: string[], scopeTowns: string[] | null): Promise<{ result: QuizResult }[]> {
    return this.db.query(
      `SELECT q.result FROM quiz_result q JOIN village v ON v.code = q.village_code
       WHERE q.plan_id = ANY($1::uuid[]) AND ($2::text[] IS NULL OR v.town_code = ANY($2::text[]))`,
      [planIds, scopeTowns],
    );
  }
}

function group<R extends { key: string }, T>(rows: R[], map: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    let list = out.get(r.key);
    if (!list) out.set(r.key, (list = []));
    list.push(map(r));
  }
  return out;
}
