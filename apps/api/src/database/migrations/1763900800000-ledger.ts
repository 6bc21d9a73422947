import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rectification ledger (整改台账): items (the 建安 and 襄城 columns), the findings behind each
 * item, evidence files, the history of every change, and in-app notifications.
 *
 * - `overdue` (逾期) is derived, never stored as a status: deadline < today (China time) and
 *   status <> 'closed'. `alert` is what the daily job last announced ('due-soon' / 'overdue').
 * - A finding (stop record + answered item) belongs to at most one ledger item: the primary key of
 *   ledger_item_finding is what makes generating from a plan's findings idempotent.
 * - Rectifiers see an item only once it is issued (issued_at): see LedgerService.
 */
export class Ledger1763900800000 implements MigrationInterface {
  name = 'Ledger1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_item (
        id uuid CONSTRAINT ledger_item_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        -- 序号: per plan (items without a plan are numbered among themselves)
        seq integer NOT NULL,
        plan_id uuid CONSTRAINT ledger_item_plan_fkey REFERENCES plan(id) ON DELETE CASCADE,
        town_code char(12) NOT NULL CONSTRAINT ledger_item_town_fkey REFERENCES town(code),
        -- NULL for a town-level item
        village_code char(12) CONSTRAINT ledger_item_village_fkey REFERENCES village(code),
        -- 问题类型: one of the 14 policy areas (PROBLEM_TYPES)
        problem_type text NOT NULL,
        -- 问题严重程度 of the finding(s), when generated from findings
        severity text,
        nature text NOT NULL CONSTRAINT ledger_item_nature_check CHECK (nature IN ('共性问题', '个性问题')),
        -- 襄城 columns 类别 / 分项 / 排查项目 of the checklist item behind the finding(s)
        check_category text,
        check_sub_area text,
        check_text text,
        -- 问题表述 / 排查发现问题
        description text NOT NULL CONSTRAINT ledger_item_description_check CHECK (length(btrim(description)) > 0),
        -- 整改措施
        measures text NOT NULL DEFAULT '',
        -- 完成时限; NULL = 长期坚持 (never overdue)
        deadline date,
        -- 责任单位 (the unit's name as printed) and the person
        responsible_unit text NOT NULL,
        responsible_person text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT ledger_item_status_check CHECK (status IN ('pending', 'in-progress', 'awaiting-review', 'closed')),
        -- 整改情况
        progress_note text NOT NULL DEFAULT '',
        -- the China-time day the item was closed (销号): LedgerItem.completedOn in libs/scoring
        completed_on date,
        source text NOT NULL DEFAULT 'manual' CONSTRAINT ledger_item_source_check CHECK (source IN ('findings', 'manual')),
        -- NULL until the planner issues the item: rectifiers never see an unissued item
        issued_at timestamptz,
        issued_by uuid CONSTRAINT ledger_item_issued_by_fkey REFERENCES app_user(id),
        submitted_by uuid CONSTRAINT ledger_item_submitted_by_fkey REFERENCES app_user(id),
        submitted_at timestamptz,
        reviewed_by uuid CONSTRAINT ledger_item_reviewed_by_fkey REFERENCES app_user(id),
        reviewed_at timestamptz,
        -- what the daily job last announced, and for which deadline
        alert text CONSTRAINT ledger_item_alert_check CHECK (alert IN ('due-soon', 'overdue')),
        alert_deadline date,
        created_by uuid NOT NULL CONSTRAINT ledger_item_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- 销号 by someone other than the rectifier who submitted it
        CONSTRAINT ledger_item_reviewer_check CHECK (status <> 'closed' OR (reviewed_by IS NOT NULL AND reviewed_by IS DISTINCT FROM submitted_by AND completed_on IS NOT NULL))
      );
      CREATE UNIQUE INDEX ledger_item_plan_seq_key ON ledger_item (COALESCE(plan_id, '00000000-0000-0000-0000-000000000000'::uuid), seq);
      CREATE INDEX ledger_item_town_idx ON ledger_item (town_code, status);
      CREATE INDEX ledger_item_open_deadline_idx ON ledger_item (deadline) WHERE status <> 'closed';

      CREATE TABLE ledger_item_finding (
        item_id uuid NOT NULL CONSTRAINT ledger_item_finding_item_fkey REFERENCES ledger_item(id) ON DELETE CASCADE,
        stop_client_id uuid NOT NULL CONSTRAINT ledger_item_finding_stop_fkey REFERENCES stop_record(client_id) ON DELETE CASCADE,
        -- the checklist item id of the answer that carries the problem
        answer_item_id text NOT NULL,
        CONSTRAINT ledger_item_finding_pkey PRIMARY KEY (stop_client_id, answer_item_id)
      );
      CREATE INDEX ledger_item_finding_item_idx ON ledger_item_finding (item_id);

      CREATE TABLE ledger_evidence (
        id uuid CONSTRAINT ledger_evidence_pkey PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL CONSTRAINT ledger_evidence_item_fkey REFERENCES ledger_item(id) ON DELETE CASCADE,
        sha256 char(64) NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        bytes integer NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL CONSTRAINT ledger_evidence_user_fkey REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_evidence_item_sha_key UNIQUE (item_id, sha256)
      );

      -- Append-only: every creation, edit, issue, transition, evidence upload and alert.
      CREATE TABLE ledger_event (
        id bigserial CONSTRAINT ledger_event_pkey PRIMARY KEY,
        item_id uuid NOT NULL CONSTRAINT ledger_event_item_fkey REFERENCES ledger_item(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        -- NULL: the daily job
        actor_id uuid CONSTRAINT ledger_event_actor_fkey REFERENCES app_user(id),
        kind text NOT NULL CONSTRAINT ledger_event_kind_check
          CHECK (kind IN ('created', 'edited', 'issued', 'transition', 'evidence', 'due-soon', 'overdue')),
        from_status text,
        to_status text,
        note text NOT NULL DEFAULT ''
      );
      CREATE INDEX ledger_event_item_idx ON ledger_event (item_id, id);

      CREATE TABLE notification (
        id bigserial CONSTRAINT notification_pkey PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT notification_user_fkey REFERENCES app_user(id) ON DELETE CASCADE,
        -- the unit the notice was addressed to (a town code), when it went to a unit's accounts
        unit_town_code char(12),
        kind text NOT NULL,
        item_id uuid CONSTRAINT notification_item_fkey REFERENCES ledger_item(id) ON DELETE CASCADE,
        text text NOT NULL,
        -- once per user and key: re-runs of the daily job add nothing
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT notification_user_key UNIQUE (user_id, dedupe_key)
      );
      CREATE INDEX notification_unread_idx ON notification (user_id, created_at DESC) WHERE read_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification; DROP TABLE ledger_event; DROP TABLE ledger_evidence; DROP TABLE ledger_item_finding; DROP TABLE ledger_item;`);
  }
}
