import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Household counts per village by category, kept by the import that changes the households (in
 * its transaction), so the overview, town and village lists read 570 rows instead of counting
 * 240,000 households on every request (280 ms each under load; 4.5 s p50 at 50 connections).
 * Being a table, it is the same for every API instance.
 */
export class VillageHouseholdCounts1763901100000 implements MigrationInterface {
  name = 'VillageHouseholdCounts1763901100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE village_household_counts (
        village_code char(12) CONSTRAINT village_household_counts_pkey PRIMARY KEY
          CONSTRAINT village_household_counts_village_fkey REFERENCES village(code) ON DELETE CASCADE,
        total integer NOT NULL,
        tuopin integer NOT NULL,
        monitored integer NOT NULL,
        ordinary integer NOT NULL,
        dibao integer NOT NULL,
        tekun integer NOT NULL,
        severe_disability integer NOT NULL,
        serious_illness integer NOT NULL,
        elderly_alone integer NOT NULL
      );
      ${VILLAGE_COUNTS_SQL.replace('WHERE village_code = ANY($1::text[])', '')};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE village_household_counts`);
  }
}

/** Recounts the households of the villages in $1 (used by the migration without the filter). */
export const VILLAGE_COUNTS_SQL = `
  INSERT INTO village_household_counts (village_code, total, tuopin, monitored, ordinary, dibao, tekun, severe_disability, serious_illness, elderly_alone)
  SELECT village_code, count(*), count(*) FILTER (WHERE household_type = '脱贫户'), count(*) FILTER (WHERE household_type = '监测户'),
         count(*) FILTER (WHERE household_type = '一般农户'), count(*) FILTER (WHERE dibao), count(*) FILTER (WHERE tekun),
         count(*) FILTER (WHERE severe_disability), count(*) FILTER (WHERE serious_illness), count(*) FILTER (WHERE elderly_alone)
  FROM household WHERE village_code = ANY($1::text[]) GROUP BY village_code`;
