import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checklist templates (排查表) as data: every version kept, never edited in place, because stop
 * records name the template id and version they were filled against. The built-in templates of
 * the source documents are inserted as version 1 at start-up (ChecklistTemplatesRepository).
 */
export class ChecklistTemplates1763901200000 implements MigrationInterface {
  name = 'ChecklistTemplates1763901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checklist_template (
        id text NOT NULL,
        version integer NOT NULL CONSTRAINT checklist_template_version_check CHECK (version >= 1),
        kind text NOT NULL,
        title text NOT NULL,
        body jsonb NOT NULL,
        created_by uuid CONSTRAINT checklist_template_user_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT checklist_template_pkey PRIMARY KEY (id, version)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checklist_template`);
  }
}
