import { Inject, Injectable } from '@nestjs/common';
import type { AssetDto, CadreDto, CountyDto, HouseholdCounts, HouseholdDto, ProjectDto, TownDto, VillageDto } from '@lookback/contracts';
import { DATABASE, type Database } from '../common/database.js';

/** Sums of village_household_counts (kept by the imports): no request counts the households. */
const COUNTS = `
  coalesce(sum(c.total), 0)::int AS total,
  coalesce(sum(c.tuopin), 0)::int AS tuopin,
  coalesce(sum(c.monitored), 0)::int AS monitored,
  coalesce(sum(c.ordinary), 0)::int AS ordinary,
  coalesce(sum(c.dibao), 0)::int AS dibao,
  coalesce(sum(c.tekun), 0)::int AS tekun,
  coalesce(sum(c.severe_disability), 0)::int AS "severeDisability",
  coalesce(sum(c.serious_illness), 0)::int AS "seriousIllness",
  coalesce(sum(c.elderly_alone), 0)::int AS "elderlyAlone"`;

type CountRow = HouseholdCounts & Record<string, unknown>;

function counts(row: CountRow): HouseholdCounts {
  const { total, tuopin, monitored, ordinary, dibao, tekun, severeDisability, seriousIllness, elderlyAlone } = row;
  return { total, tuopin, monitored, ordinary, dibao, tekun, severeDisability, seriousIllness, elderlyAlone };
}

export interface HouseholdQuery {
  villageCode: string;
  page: number;
  pageSize: number;
  search: string | null;
}

/** Read side of the master data (region hierarchy, households, projects, assets, cadres). */
@Injectable()
export class RegionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findCounty(): Promise<CountyDto | null> {
    const rows: { code: string; name: string }[] = await this.db.query(`SELECT code, name FROM county ORDER BY code LIMIT 1`);
    return rows[0] ?? null;
  }

  async countAll(): Promise<{ towns: number; villages: number; projects: number; assets: number; cadres: number; counts: HouseholdCounts }> {
    const [row] = await this.db.query(`
      SELECT (SELECT count(*) FROM town)::int AS towns, (SELECT count(*) FROM village)::int AS villages,
             (SELECT count(*) FROM project)::int AS projects, (SELECT count(*) FROM asset)::int AS assets,
             (SELECT count(*) FROM cadre)::int AS cadres, ${COUNTS}
      FROM village_household_counts c`);
    return { towns: row.towns, villages: row.villages, projects: row.projects, assets: row.assets, cadres: row.cadres, counts: counts(row) };
  }

  async findTownsWithCounts(): Promise<TownDto[]> {
    const rows: CountRow[] = await this.db.query(`
      SELECT t.code, t.name, (SELECT count(*) FROM village v WHERE v.town_code = t.code)::int AS "villageCount", ${COUNTS}
      FROM town t LEFT JOIN village v ON v.town_code = t.code LEFT JOIN village_household_counts c ON c.village_code = v.code
      GROUP BY t.code ORDER BY t.code`);
    return rows.map((r) => ({ code: String(r.code), name: String(r.name), villageCount: Number(r.villageCount), counts: counts(r) }));
  }

  async findVillagesWithCounts(townCode: string | null): Promise<VillageDto[]> {
    const rows: CountRow[] = await this.db.query(
      `SELECT v.code, v.name, v.town_code AS "townCode", t.name AS "townName", v.village_type AS "villageType", v.lng, v.lat, ${COUNTS}
       FROM village v JOIN town t ON t.code = v.town_code LEFT JOIN village_household_counts c ON c.village_code = v.code
       WHERE ($1::text IS NULL OR v.town_code = $1)
       GROUP BY v.code, t.name ORDER BY v.code`,
      [townCode],
    );
    return rows.map((r) => ({
      code: String(r.code),
      name: String(r.name),
      townCode: String(r.townCode),
      townName: String(r.townName),
      villageType: r.villageType as VillageDto['villageType'],
      lng: Number(r.lng),
      lat: Number(r.lat),
      counts: counts(r),
    }));
  }

  async villageExists(code: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM village WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  async findHouseholdPage(query: HouseholdQuery): Promise<{ items: HouseholdDto[]; total: number }> {
    const search = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
    const where = `village_code = $1 AND ($2::text IS NULL OR household_no LIKE $2 OR head_name LIKE $2)`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM household WHERE ${where}`, [query.villageCode, search]);
    const items = await this.db.query(
      `SELECT household_no AS "householdNo", head_name AS "headName", household_type AS "householdType",
              monitoring_category AS "monitoringCategory", dibao, tekun, severe_disability AS "severeDisability",
              serious_illness AS "seriousIllness", elderly_alone AS "elderlyAlone", members,
              income_per_capita::float8 AS "incomePerCapita", lng, lat
       FROM household WHERE ${where} ORDER BY household_no LIMIT $3 OFFSET $4`,
      [query.villageCode, search, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items, total };
  }

  findProjects(filter: { year: number | null; townCode: string | null; villageCode: string | null }): Promise<ProjectDto[]> {
    return this.db.query(
      `SELECT project_code AS "projectCode", name, year, town_code AS "townCode", village_code AS "villageCode",
              project_type AS "projectType", amount_wan::float8 AS "amountWan", status
       FROM project
       WHERE ($1::int IS NULL OR year = $1) AND ($2::text IS NULL OR town_code = $2) AND ($3::text IS NULL OR village_code = $3)
       ORDER BY project_code`,
      [filter.year, filter.townCode, filter.villageCode],
    );
  }

  findAssets(villageCode: string | null): Promise<AssetDto[]> {
    return this.db.query(
      `SELECT asset_code AS "assetCode", name, kind, village_code AS "villageCode", lng, lat
       FROM asset WHERE ($1::text IS NULL OR village_code = $1) ORDER BY asset_code`,
      [villageCode],
    );
  }

  findCadres(villageCode: string | null): Promise<CadreDto[]> {
    return this.db.query(
      `SELECT cadre_no AS "cadreNo", name, role, village_code AS "villageCode", phone
       FROM cadre WHERE ($1::text IS NULL OR village_code = $1) ORDER BY village_code, cadre_no`,
      [villageCode],
    );
  }
}
