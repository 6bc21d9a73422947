import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ChecklistTemplate, DEFAULT_TEMPLATES } from '@lookback/fieldwork';
import { DATABASE, type Database } from '../common/database.js';

export interface TemplateVersionRow {
  id: string;
  version: number;
  kind: string;
  title: string;
  items: number;
  createdAt: string;
  createdBy: string | null;
}

/**
 * Checklist templates, every version kept. A version never changes once stored, so versions read
 * once are kept in memory (an immutable fact cannot go stale on another instance); "which
 * version is current" is always read from the database.
 */
@Injectable()
export class ChecklistTemplatesRepository implements OnModuleInit {
  private readonly versions = new Map<string, ChecklistTemplate>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The source documents' templates are version 1 of their ids, inserted once. */
  async onModuleInit(): Promise<void> {
    await this.db.query(
      `INSERT INTO checklist_template (id, version, kind, title, body)
       SELECT t->>'id', (t->>'version')::int, t->>'kind', t->>'title', t FROM jsonb_array_elements($1::jsonb) AS t
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(DEFAULT_TEMPLATES)],
    );
  }

  /** The latest version of every template, in a stable order (kind, then id). */
  async current(): Promise<ChecklistTemplate[]> {
    const rows: { body: ChecklistTemplate }[] = await this.db.query(
      `SELECT DISTINCT ON (id) body FROM checklist_template ORDER BY id, version DESC`,
    );
    const order = ['household', 'village', 'project', 'asset', 'documents', 'interview'];
    return rows.map((r) => r.body).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.id.localeCompare(b.id));
  }

  async latest(id: string): Promise<ChecklistTemplate | null> {
    const rows: { body: ChecklistTemplate }[] = await this.db.query(`SELECT body FROM checklist_template WHERE id = $1 ORDER BY version DESC LIMIT 1`, [id]);
    return rows[0]?.body ?? null;
  }

  async version(id: string, version: number): Promise<ChecklistTemplate | null> {
    const key = `${id}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const rows: { body: ChecklistTemplate }[] = await this.db.query(`SELECT body FROM checklist_template WHERE id = $1 AND version = $2`, [id, version]);
    if (rows[0]) this.versions.set(key, rows[0].body);
    return rows[0]?.body ?? null;
  }

  /** Reads (once) the versions the records were filled against, for `cached`. */
  async load(records: readonly { templateId: string; templateVersion: number }[]): Promise<void> {
    const wanted = new Set(records.map((r) => `${r.templateId}@${r.templateVersion}`));
    for (const key of wanted) {
      if (this.versions.has(key)) continue;
      const at = key.lastIndexOf('@');
      await this.version(key.slice(0, at), Number(key.slice(at + 1)));
    }
  }

  /** A version read before (by `version` or `load`); undefined otherwise. */
  cached(id: string, version: number): ChecklistTemplate | undefined {
    return this.versions.get(`${id}@${version}`);
  }

  async history(): Promise<TemplateVersionRow[]> {
    return this.db.query(
      `SELECT t.id, t.version, t.kind, t.title, jsonb_array_length(t.body->'items') AS items, t.created_at AS "createdAt", u.username AS "createdBy"
       FROM checklist_template t LEFT JOIN app_user u ON u.id = t.created_by ORDER BY t.id, t.version DESC`,
    );
  }

  /** Stores the template as a new version; false when another admin stored that version first. */
  async insert(t: ChecklistTemplate, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO checklist_template (id, version, kind, title, body, created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
      [t.id, t.version, t.kind, t.title, JSON.stringify(t), userId],
    );
    return rows.length === 1;
  }
}
