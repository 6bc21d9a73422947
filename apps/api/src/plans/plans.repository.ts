import { Inject, Injectable } from '@nestjs/common';
import type { DrawRecord, SamplingSettings } from '@lookback/sampling';
import type { PlanStatus, VillageSelection } from '@lookback/contracts';
import { DATABASE, type Database } from '../common/database.js';
import { deepFreeze } from '../common/deep-freeze.js';

export type { PlanStatus, VillageSelection };

export interface PlanRow {
  id: string;
  name: string;
  status: PlanStatus;
  snapshotId: string;
  townCodes: string[];
  villageCodes: string[];
  selection: VillageSelection;
  settings: SamplingSettings;
  seed: string;
  commitment: string;
  drawRecord: DrawRecord;
  quizBankVersion: string;
  redraws: number;
  createdBy: string;
  createdAt: Date;
  sealedAt: Date | null;
  revealedAt: Date | null;
  completedAt: Date | null;
}

const COLUMNS = `id, name, status, snapshot_id AS "snapshotId", town_codes AS "townCodes", village_codes AS "villageCodes", selection, settings, seed,
  commitment, draw_record AS "drawRecord", quiz_bank_version AS "quizBankVersion", redraws, created_by AS "createdBy", created_at AS "createdAt",
  sealed_at AS "sealedAt", revealed_at AS "revealedAt", completed_at AS "completedAt"`;
const WITHOUT_DRAW = COLUMNS.replace(`draw_record AS "drawRecord", `, '');
/** Changes whenever the draw record may have changed (see withDrawRecord). */
const drawKey = (p: Pick<PlanRow, 'status' | 'commitment' | 'redraws'>) => `${p.status}|${p.commitment}|${p.redraws}`;

const SUMMARY = COLUMNS.replace(
  `draw_record AS "drawRecord", `,
  `(SELECT sum((v->>'sampleSize')::int) FROM jsonb_array_elements(draw_record->'villages') v)::int AS households, `,
);

/** An inspector's field day: see PlansRepository.findFieldDay. */
export interface FieldDayRow {
  plan: PlanRow;
  teamId: string;
  teamName: string;
  villageCodes: string[];
  signedOff: boolean;
  /** The team's leader (本组组长; null when none): only they sign the day off. */
  leaderId: string | null;
  leaderName: string | null;
}

export type PlanSummaryRow = Omit<PlanRow, 'drawRecord'> & { households?: number };

export interface NewPlan {
  name: string;
  snapshotId: string;
  townCodes: string[];
  villageCodes: string[];
  selection: VillageSelection;
  settings: SamplingSettings;
  seed: string;
  commitment: string;
  drawRecord: DrawRecord;
  quizBankVersion: string;
  createdBy: string;
}

@Injectable()
export class PlansRepository {
  /** Draw records read for field work, by plan id (at most 64 plans). */
  private readonly drawRecords = new Map<string, { key: string; drawRecord: DrawRecord }>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(plan: NewPlan): Promise<PlanRow> {
    const [row]: PlanRow[] = await this.db.query(
      `INSERT INTO plan (name, status, snapshot_id, town_codes, village_codes, selection, settings, seed, commitment, draw_record, quiz_bank_version, created_by)
       VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
      [plan.name, plan.snapshotId, plan.townCodes, plan.villageCodes, plan.selection, plan.settings, plan.seed, plan.commitment, plan.drawRecord, plan.quizBankVersion, plan.createdBy],
    );
    return row;
  }

  async findById(id: string): Promise<PlanRow | null> {
    const rows: PlanRow[] = await this.db.query(`SELECT ${COLUMNS} FROM plan WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * An inspector's field day in one query (every sync and photo passes here): the team of `userId`
   * that visits villages of plan `planId` on `date`, those villages, whether the team signed the
   * day off (and did not reopen it), and the plan — only while it is sealed or revealed. Null when
   * the user has no such day. The draw record comes from withDrawRecord.
   */
  async findFieldDay(userId: string, planId: string, date: string): Promise<FieldDayRow | null> {
    // The plan's own "villageCodes" column is every village of the plan: the day's are "dayVillages".
    const rows: (Omit<PlanRow, 'drawRecord'> & Omit<FieldDayRow, 'plan' | 'villageCodes'> & { dayVillages: string[] })[] = await this.db.query(
      `SELECT ${WITHOUT_DRAW}, d."teamId", d."teamName", d."dayVillages", d."signedOff", d."leaderId", d."leaderName"
       FROM (SELECT t.plan_id, t.id AS "teamId", t.name AS "teamName", array_agg(v.village_code::text ORDER BY v.village_code) AS "dayVillages",
               t.leader_id AS "leaderId", (SELECT display_name FROM app_user WHERE id = t.leader_id) AS "leaderName",
               EXISTS (SELECT 1 FROM day_signoff s WHERE s.plan_id = t.plan_id AND s.team_id = t.id AND s.visit_date = $3::date AND s.reopened_at IS NULL) AS "signedOff"
             FROM team_member m JOIN team t ON t.id = m.team_id JOIN plan_visit v ON v.team_id = t.id AND v.visit_date = $3::date
             WHERE m.user_id = $1 AND t.plan_id = $2
             GROUP BY t.id ORDER BY t.name, t.id LIMIT 1) AS d
       JOIN plan ON plan.id = d.plan_id
       WHERE plan.status IN ('sealed', 'revealed')`,
      [userId, planId, date],
    );
    const row = rows[0];
    if (!row) return null;
    const { teamId, teamName, dayVillages, signedOff, leaderId, leaderName, ...light } = row;
    const plan = await this.withDrawRecord(light);
    return plan ? { plan, teamId, teamName, villageCodes: dayVillages, signedOff, leaderId, leaderName } : null;
  }

  /**
   * The plan with its draw record (about 530 KB of JSON for a county plan of 39 villages, parsed on
   * every read) taken from memory when the plan's status, commitment and redraw count — which
   * change whenever the draw record does (redraw, seal, reveal, complete) — are those it was read
   * with. Those small columns come from the database on every request, so another instance's
   * redraw or reveal is seen at once. The kept record is frozen: callers only read it.
   */
  private async withDrawRecord(light: Omit<PlanRow, 'drawRecord'>): Promise<PlanRow | null> {
    const cached = this.drawRecords.get(light.id);
    if (cached && cached.key === drawKey(light)) return { ...light, drawRecord: cached.drawRecord };
    const full = await this.findById(light.id);
    if (!full) return null;
    const drawRecord = deepFreeze(full.drawRecord);
    if (this.drawRecords.size >= 64) this.drawRecords.delete(this.drawRecords.keys().next().value!);
    this.drawRecords.set(light.id, { key: drawKey(full), drawRecord });
    return { ...full, drawRecord };
  }

  /** Plans touching the given towns (null: all), newest first, without their draw records. */
  async findSummaries(towns: string[] | null, statuses: PlanStatus[]): Promise<PlanSummaryRow[]> {
    return this.db.query(
      `SELECT ${SUMMARY} FROM plan WHERE status = ANY($2::text[]) AND ($1::text[] IS NULL OR town_codes <@ $1::text[]) ORDER BY created_at DESC LIMIT 200`,
      [towns, statuses],
    );
  }

  /** Replaces the draw of a draft (the WHERE makes a sealed plan impossible to change). */
  async replaceDraw(id: string, change: Pick<NewPlan, 'seed' | 'commitment' | 'drawRecord' | 'settings' | 'villageCodes' | 'townCodes' | 'selection' | 'quizBankVersion'>): Promise<PlanRow | null> {
    const rows: PlanRow[] = await this.db.query(
      `WITH changed AS (
         UPDATE plan SET seed = $2, commitment = $3, draw_record = $4, settings = $5, village_codes = $6, town_codes = $7, selection = $8,
           quiz_bank_version = $9, redraws = redraws + 1
         WHERE id = $1 AND status = 'draft' RETURNING *)
       SELECT ${COLUMNS} FROM changed`,
      [id, change.seed, change.commitment, change.drawRecord, change.settings, change.villageCodes, change.townCodes, change.selection, change.quizBankVersion],
    );
    return rows[0] ?? null;
  }

  /** Moves a plan one step on (draft → sealed → revealed → completed); null when it is not at `from`. */
  /**
   * The plan's visit days still ahead on `today` (China date): a later day, or today while its
   * team has not signed it off. Answered as {date, villages}, earliest first.
   */
  async visitsAhead(planId: string, today: string): Promise<{ date: string; villages: number }[]> {
    return this.db.query(
      `SELECT to_char(v.visit_date, 'YYYY-MM-DD') AS date, count(*)::int AS villages FROM plan_visit v
       WHERE v.plan_id = $1 AND (v.visit_date > $2::date OR (v.visit_date = $2::date AND NOT EXISTS (
         SELECT 1 FROM day_signoff s WHERE s.plan_id = v.plan_id AND s.team_id = v.team_id AND s.visit_date = v.visit_date AND s.reopened_at IS NULL)))
       GROUP BY v.visit_date ORDER BY v.visit_date`,
      [planId, today],
    );
  }

  async advance(id: string, from: PlanStatus, to: PlanStatus, at: Date, drawRecord?: DrawRecord): Promise<PlanRow | null> {
    const stamp = { sealed: 'sealed_at', revealed: 'revealed_at', completed: 'completed_at', draft: 'created_at' }[to];
    const rows: PlanRow[] = await this.db.query(
      `WITH changed AS (
         UPDATE plan SET status = $3, ${stamp} = $4, draw_record = COALESCE($5, draw_record) WHERE id = $1 AND status = $2 RETURNING *)
       SELECT ${COLUMNS} FROM changed`,
      [id, from, to, at, drawRecord ?? null],
    );
    return rows[0] ?? null;
  }
}
