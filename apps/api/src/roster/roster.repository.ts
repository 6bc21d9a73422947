import { Injectable } from '@nestjs/common';
import type { AssetRecord, CadreRecord, HouseholdRecord, ImportKind, ProjectRecord } from '@lookback/contracts';
import { numberText, type RosterRecords, type VillageRow } from '@lookback/roster';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { copyChunks, copyText, copyValue, CopyWriter } from '../database/copy.js';
import { VILLAGE_COUNTS_SQL } from '../database/migrations/1763901100000-village-household-counts.js';

export interface VillageRef {
  code: string;
  name: string;
  townCode: string;
  townName: string;
}

export interface RosterContents {
  villages: VillageRow[];
  households: HouseholdRecord[];
  projects: ProjectRecord[];
  assets: AssetRecord[];
  cadres: CadreRecord[];
}

/** The files whose rows replace a village's (a town's) rows; villages are upserted instead. */
export type RowKind = Exclude<ImportKind, 'villages'>;

/** Where a kind of row goes, and one record as a line of COPY text in `columns` order. */
interface RowCopy<R> {
  table: 'household' | 'project' | 'asset' | 'cadre';
  /** The natural key's column. */
  keyColumn: string;
  /** The village (town) whose rows an import replaces. */
  scopeColumn: 'village_code' | 'town_code';
  columns: readonly string[];
  line(record: R): string;
}

const bool = (b: boolean) => (b ? 't' : 'f');

export const ROW_COPY: { [K in RowKind]: RowCopy<RosterRecords[K]> } = {
  households: {
    table: 'household',
    keyColumn: 'household_no',
    scopeColumn: 'village_code',
    columns: ['household_no', 'village_code', 'head_name', 'household_type', 'monitoring_category', 'dibao', 'tekun', 'severe_disability', 'serious_illness', 'elderly_alone', 'members', 'income_per_capita', 'lng', 'lat'],
    line: (h) =>
      `${copyText(h.householdNo)}\t${h.villageCode}\t${copyText(h.headName)}\t${h.householdType}\t${h.monitoringCategory ?? '\\N'}\t${bool(h.dibao)}\t${bool(h.tekun)}\t` +
      `${bool(h.severeDisability)}\t${bool(h.seriousIllness)}\t${bool(h.elderlyAlone)}\t${h.members}\t${numberText(h.incomePerCapita)}\t${copyValue(h.lng)}\t${copyValue(h.lat)}\n`,
  },
  projects: {
    table: 'project',
    keyColumn: 'project_code',
    scopeColumn: 'town_code',
    columns: ['project_code', 'name', 'year', 'town_code', 'village_code', 'project_type', 'amount_wan', 'status'],
    line: (p) => `${copyText(p.projectCode)}\t${copyText(p.name)}\t${p.year}\t${p.townCode}\t${copyValue(p.villageCode)}\t${copyText(p.projectType)}\t${numberText(p.amountWan)}\t${copyText(p.status)}\n`,
  },
  assets: {
    table: 'asset',
    keyColumn: 'asset_code',
    scopeColumn: 'village_code',
    columns: ['asset_code', 'name', 'kind', 'village_code', 'lng', 'lat'],
    line: (a) => `${copyText(a.assetCode)}\t${copyText(a.name)}\t${a.kind}\t${a.villageCode}\t${copyValue(a.lng)}\t${copyValue(a.lat)}\n`,
  },
  cadres: {
    table: 'cadre',
    keyColumn: 'cadre_no',
    scopeColumn: 'village_code',
    columns: ['cadre_no', 'name', 'role', 'village_code', 'phone'],
    line: (c) => `${copyText(c.cadreNo)}\t${copyText(c.name)}\t${c.role}\t${c.villageCode}\t${copyValue(c.phone)}\n`,
  },
};

/** From this many rows on, households are loaded into a table without its indexes (see dropHouseholdIndexes). */
export const BULK_HOUSEHOLD_ROWS = 20_000;

/** The pg connection behind a TypeORM transaction, for COPY. */
async function pgClient(tx: EntityManager): Promise<PoolClient> {
  return (await tx.queryRunner!.connect()) as PoolClient;
}

/**
 * Write side of the master data. Every method takes the transaction of the import it belongs
 * to: an import is loaded whole or not at all.
 */
@Injectable()
export class RosterRepository {
  /** Serialises imports across API instances until the transaction ends. */
  async lockForImport(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lookback:import'))`);
  }

  async findVillageRefs(tx: EntityManager): Promise<Map<string, VillageRef>> {
    const rows: VillageRef[] = await tx.query(
      `SELECT v.code, v.name, v.town_code AS "townCode", t.name AS "townName" FROM village v JOIN town t ON t.code = v.town_code`,
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  async findTownNames(tx: EntityManager): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await tx.query(`SELECT code, name FROM town`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async upsertRegions(tx: EntityManager, villages: VillageRow[], countyNames: ReadonlyMap<string, string>): Promise<void> {
    const counties = [...new Set(villages.map((v) => v.code.slice(0, 6) + '000000'))];
    for (const code of counties) {
      await tx.query(`INSERT INTO county (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [code, countyNames.get(code) ?? `县（${code.slice(0, 6)}）`]);
    }
    const towns = new Map(villages.map((v) => [v.townCode, v.townName]));
    await tx.query(
      `INSERT INTO town (code, county_code, name)
       SELECT code, substr(code, 1, 6) || '000000', name FROM unnest($1::text[], $2::text[]) AS t(code, name)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name`,
      [[...towns.keys()], [...towns.values()]],
    );
    await tx.query(
      `INSERT INTO village (code, town_code, name, village_type, lng, lat)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[])
       ON CONFLICT (code) DO UPDATE SET town_code = excluded.town_code, name = excluded.name,
         village_type = excluded.village_type, lng = excluded.lng, lat = excluded.lat`,
      [villages.map((v) => v.code), villages.map((v) => v.townCode), villages.map((v) => v.name), villages.map((v) => v.villageType), villages.map((v) => v.lng), villages.map((v) => v.lat)],
    );
  }

  /**
   * Replaces the rows of the villages (towns, for projects) in `scope` with the rows in `chunks`,
   * already written as COPY text by `ROW_COPY[kind].line` (`rows` lines in all).
   */
  async replaceRows(tx: EntityManager, kind: RowKind, scope: string[], chunks: readonly Uint8Array[], rows: number, onSent: (index: number) => void): Promise<void> {
    const { table, scopeColumn, columns } = ROW_COPY[kind];
    await tx.query(`DELETE FROM ${table} WHERE ${scopeColumn} = ANY($1::text[])`, [scope]);
    const bulk = kind === 'households' && rows >= BULK_HOUSEHOLD_ROWS;
    if (bulk) await this.dropHouseholdIndexes(tx);
    await copyChunks(await pgClient(tx), table, columns, chunks, onSent);
    if (bulk) await this.rebuildHouseholdIndexes(tx);
    if (kind === 'households') await this.recountVillages(tx, scope);
  }

  /**
   * Opens a county-sized households load, streamed while the file is still being read (which
   * villages it replaces is known only at its end), on a table without its indexes (see
   * `dropHouseholdIndexes`); `finishHouseholdStream` ends it.
   */
  async openHouseholdStream(tx: EntityManager): Promise<CopyWriter> {
    await this.dropHouseholdIndexes(tx);
    return new CopyWriter(await pgClient(tx), 'household', ROW_COPY.households.columns);
  }

  /**
   * Ends a streamed households load of `rows` rows: the rows of the villages in `scope` that this
   * transaction did not write (their xmin is another transaction's) are the ones it replaces. The
   * count after the delete must be exactly the rows loaded, or the import fails and rolls back.
   */
  async finishHouseholdStream(tx: EntityManager, scope: string[], rows: number): Promise<void> {
    await tx.query(`DELETE FROM household WHERE village_code = ANY($1::text[]) AND xmin <> pg_current_xact_id()::xid`, [scope]);
    const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM household WHERE village_code = ANY($1::text[])`, [scope])) as { n: number }[];
    if (n !== rows) throw new Error(`household load: ${n} rows in the imported villages after replacing them, expected ${rows}`);
    await this.rebuildHouseholdIndexes(tx);
    await this.recountVillages(tx, scope);
  }

  /**
   * For a county-sized load: checking the key and the foreign key and growing the indexes row by
   * row costs more than the COPY itself, so they are dropped inside the import's transaction and
   * rebuilt by `rebuildHouseholdIndexes` over the whole table — nothing is trusted that the
   * database has not checked. The table stays locked against every other reader and writer until
   * the transaction ends.
   */
  private async dropHouseholdIndexes(tx: EntityManager): Promise<void> {
    await tx.query(`ALTER TABLE household DROP CONSTRAINT household_village_fkey`);
    await tx.query(`ALTER TABLE household DROP CONSTRAINT household_pkey`);
    await tx.query(`DROP INDEX household_village_idx`);
  }

  private async rebuildHouseholdIndexes(tx: EntityManager): Promise<void> {
    await tx.query(`ALTER TABLE household ADD CONSTRAINT household_pkey PRIMARY KEY (household_no)`);
    await tx.query(`CREATE INDEX household_village_idx ON household(village_code)`);
    await tx.query(`ALTER TABLE household ADD CONSTRAINT household_village_fkey FOREIGN KEY (village_code) REFERENCES village(code)`);
  }

  /** Household counts of the villages an import replaced (village_household_counts), in its transaction. */
  private async recountVillages(tx: EntityManager, villages: string[]): Promise<void> {
    await tx.query(`DELETE FROM village_household_counts WHERE village_code = ANY($1::text[])`, [villages]);
    await tx.query(VILLAGE_COUNTS_SQL, [villages]);
  }

  /** Natural keys already used outside the villages (towns) an import replaces: a key must stay unique. */
  async findKeysOutside(tx: EntityManager, kind: RowKind, keys: string[], scope: string[]): Promise<Map<string, string>> {
    const { table, keyColumn, scopeColumn } = ROW_COPY[kind];
    const rows: { key: string; scope: string }[] = await tx.query(
      `SELECT ${keyColumn} AS key, ${scopeColumn} AS scope FROM ${table} WHERE ${keyColumn} = ANY($1::text[]) AND NOT (${scopeColumn} = ANY($2::text[]))`,
      [keys, scope],
    );
    return new Map(rows.map((r) => [r.key, r.scope]));
  }

  /** Whether the table of `kind` has rows outside the villages (towns, for projects) an import replaces. */
  async hasRowsOutside(tx: EntityManager, kind: RowKind, scope: string[]): Promise<boolean> {
    const { table, scopeColumn } = ROW_COPY[kind];
    const rows = await tx.query(`SELECT 1 FROM ${table} WHERE NOT (${scopeColumn} = ANY($1::text[])) LIMIT 1`, [scope]);
    return rows.length > 0;
  }

  /** The whole roster, as the canonical serialisation needs it. */
  async readAll(tx: EntityManager): Promise<RosterContents> {
    const [villages, households, projects, assets, cadres] = [
      await tx.query(`SELECT v.code, v.name, v.town_code AS "townCode", t.name AS "townName", v.village_type AS "villageType", v.lng, v.lat FROM village v JOIN town t ON t.code = v.town_code`),
      await tx.query(`SELECT household_no AS "householdNo", head_name AS "headName", t.name AS "townName", v.name AS "villageName", h.village_code AS "villageCode",
                    household_type AS "householdType", monitoring_category AS "monitoringCategory", dibao, tekun, severe_disability AS "severeDisability",
                    serious_illness AS "seriousIllness", elderly_alone AS "elderlyAlone", members, income_per_capita::float8 AS "incomePerCapita", h.lng, h.lat
                    FROM household h JOIN village v ON v.code = h.village_code JOIN town t ON t.code = v.town_code`),
      await tx.query(`SELECT project_code AS "projectCode", name, year, town_code AS "townCode", village_code AS "villageCode", project_type AS "projectType", amount_wan::float8 AS "amountWan", status FROM project`),
      await tx.query(`SELECT asset_code AS "assetCode", name, kind, village_code AS "villageCode", lng, lat FROM asset`),
      await tx.query(`SELECT cadre_no AS "cadreNo", name, role, village_code AS "villageCode", phone FROM cadre`),
    ];
    return { villages, households, projects, assets, cadres };
  }
}
