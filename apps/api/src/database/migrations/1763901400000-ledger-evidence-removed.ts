import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rectifier may take back a wrong evidence file that no reviewer has seen yet (uploaded since the
 * item was last submitted); the removal is written into the item's history as its own kind.
 */
export class LedgerEvidenceRemoved1763901400000 implements MigrationInterface {
  name = 'LedgerEvidenceRemoved1763901400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ledger_event DROP CONSTRAINT ledger_event_kind_check;
      ALTER TABLE ledger_event ADD CONSTRAINT ledger_event_kind_check
        CHECK (kind IN ('created', 'edited', 'issued', 'transition', 'evidence', 'evidence-removed', 'due-soon', 'overdue'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM ledger_event WHERE kind = 'evidence-removed';
      ALTER TABLE ledger_event DROP CONSTRAINT ledger_event_kind_check;
      ALTER TABLE ledger_event ADD CONSTRAINT ledger_event_kind_check
        CHECK (kind IN ('created', 'edited', 'issued', 'transition', 'evidence', 'due-soon', 'overdue'));
    `);
  }
}
