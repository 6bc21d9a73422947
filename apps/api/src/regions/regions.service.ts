import { Injectable } from '@nestjs/common';
import { type AssetDto, type CadreDto, type HouseholdDto, maskName, maskPhone, type OverviewDto, type Page, type ProjectDto, type TownDto, type VillageDto } from '@lookback/contracts';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import { type CurrentUser, inScope } from '../auth/roles.js';
import { notFound } from '../common/domain-error.js';
import { SnapshotsRepository } from '../roster/snapshots.repository.js';
import { RegionsRepository } from './regions.repository.js';

const within = <T>(user: CurrentUser, items: T[], code: (item: T) => string | null): T[] =>
  user.scopeTowns === null ? items : items.filter((item) => { const c = code(item); return c !== null && inScope(user, c); });

/**
 * Master data for the planning screens. Users with a town scope see only their towns. Names and phone numbers are masked here: no screen of
 * the master data needs them in full (the inspector on a visit gets them through the plan).
 */
@Injectable()
export class RegionsService {
  constructor(
    private readonly regions: RegionsRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async overview(user: CurrentUser): Promise<OverviewDto> {
    const [county, totals, latestSnapshot] = await Promise.all([this.regions.findCounty(), this.regions.countAll(), this.snapshots.findLatest()]);
    if (user.scopeTowns === null) return { county, ...totals, latestSnapshot };
    // A town-scoped user sees the counts of its towns only.
    const towns = await this.towns(user);
    const sum = (key: keyof TownDto['counts']) => towns.reduce((n, t) => n + t.counts[key], 0);
    return {
      county,
      towns: towns.length,
      villages: towns.reduce((n, t) => n + t.villageCount, 0),
      counts: { total: sum('total'), tuopin: sum('tuopin'), monitored: sum('monitored'), ordinary: sum('ordinary'), dibao: sum('dibao'), tekun: sum('tekun'), severeDisability: sum('severeDisability'), seriousIllness: sum('seriousIllness'), elderlyAlone: sum('elderlyAlone') },
      projects: (await this.projects(user, null, null, null)).length,
      assets: (await this.assets(user, null)).length,
      cadres: (await this.regions.findCadres(null)).filter((c) => inScope(user, c.villageCode)).length,
      latestSnapshot,
    };
  }

  async towns(user: CurrentUser): Promise<TownDto[]> {
    return within(user, await this.regions.findTownsWithCounts(), (t) => t.code);
  }

  async villages(user: CurrentUser, townCode: string | null): Promise<VillageDto[]> {
    return within(user, await this.regions.findVillagesWithCounts(townCode), (v) => v.code);
  }

  /** Household lists hold personal data: names are masked and every read is logged. */
  async households(user: CurrentUser, address: string, villageCode: string, page: number, pageSize: number, search: string | null): Promise<Page<HouseholdDto>> {
    if (!inScope(user, villageCode) || !(await this.regions.villageExists(villageCode))) throw notFound(`行政村 ${villageCode} `);
    const { items, total } = await this.regions.findHouseholdPage({ villageCode, page, pageSize, search });
    await this.accessLog.append(user, 'read', 'village-households', villageCode, address, { page, pageSize, search });
    return { items: items.map((h) => ({ ...h, headName: maskName(h.headName) })), total, page, pageSize };
  }

  async projects(user: CurrentUser, year: number | null, townCode: string | null, villageCode: string | null): Promise<ProjectDto[]> {
    return within(user, await this.regions.findProjects({ year, townCode, villageCode }), (p) => p.townCode);
  }

  async assets(user: CurrentUser, villageCode: string | null): Promise<AssetDto[]> {
    return within(user, await this.regions.findAssets(villageCode), (a) => a.villageCode);
  }

  async cadres(user: CurrentUser, villageCode: string | null): Promise<CadreDto[]> {
    const cadres = within(user, await this.regions.findCadres(villageCode), (c) => c.villageCode);
    return cadres.map((c) => ({ ...c, phone: maskPhone(c.phone) }));
  }
}
