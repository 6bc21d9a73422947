import { Injectable } from '@nestjs/common';
import { type AssetDto, type CadreDto, type HouseholdDto, maskName, maskPhone, type OverviewDto, type Page, type ProjectDto, type TownDto, type VillageDto } from '@lookback/contracts';
import { notFound } from '../common/domain-error.js';
import { SnapshotsRepository } from '../roster/snapshots.repository.js';
import { RegionsRepository } from './regions.repository.js';

/**
 * Master data for the planning screens. Names and phone numbers are masked here: no screen of
 * the master data needs them in full (the inspector on a visit gets them through the plan).
 */
@Injectable()
export class RegionsService {
  constructor(
    private readonly regions: RegionsRepository,
    private readonly snapshots: SnapshotsRepository,
  ) {}

  async overview(): Promise<OverviewDto> {
    const [county, totals, latestSnapshot] = await Promise.all([this.regions.findCounty(), this.regions.countAll(), this.snapshots.findLatest()]);
    return { county, ...totals, latestSnapshot };
  }

  towns(): Promise<TownDto[]> {
    return this.regions.findTownsWithCounts();
  }

  villages(townCode: string | null): Promise<VillageDto[]> {
    return this.regions.findVillagesWithCounts(townCode);
  }

  async households(villageCode: string, page: number, pageSize: number, search: string | null): Promise<Page<HouseholdDto>> {
    if (!(await this.regions.villageExists(villageCode))) throw notFound(`行政村 ${villageCode} `);
    const { items, total } = await this.regions.findHouseholdPage({ villageCode, page, pageSize, search });
    return { items: items.map((h) => ({ ...h, headName: maskName(h.headName) })), total, page, pageSize };
  }

  projects(year: number | null, townCode: string | null, villageCode: string | null): Promise<ProjectDto[]> {
    return this.regions.findProjects({ year, townCode, villageCode });
  }

  assets(villageCode: string | null): Promise<AssetDto[]> {
    return this.regions.findAssets(villageCode);
  }

  async cadres(villageCode: string | null): Promise<CadreDto[]> {
    const cadres = await this.regions.findCadres(villageCode);
    return cadres.map((c) => ({ ...c, phone: maskPhone(c.phone) }));
  }
}
