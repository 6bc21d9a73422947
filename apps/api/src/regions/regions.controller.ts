import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AssetDto, CadreDto, HouseholdDto, OverviewDto, Page, ProjectDto, TownDto, VillageDto } from '@lookback/contracts';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { HouseholdsQuery, ProjectsQuery, VillageFilterQuery, VillagesQuery } from './dto/queries.js';
import { RegionsService } from './regions.service.js';

function villageCode(code: string): string {
  if (!/^\d{12}$/.test(code)) throw new DomainError(ErrorCode.ValidationFailed, `村代码应为 12 位数字，收到“${code.slice(0, 40)}”`);
  return code;
}

@ApiTags('master data')
@Controller()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get('overview')
  @ApiOperation({ summary: 'The county at a glance' })
  overview(@User() user: CurrentUser): Promise<OverviewDto> {
    return this.regions.overview(user);
  }

  @Get('towns')
  @ApiOperation({ summary: 'Towns (乡镇) with village and household counts' })
  towns(@User() user: CurrentUser): Promise<TownDto[]> {
    return this.regions.towns(user);
  }

  @Get('villages')
  @ApiOperation({ summary: 'Villages (行政村) with household counts by category' })
  villages(@User() user: CurrentUser, @Query() query: VillagesQuery): Promise<VillageDto[]> {
    return this.regions.villages(user, query.town ?? null);
  }

  @Get('villages/:code/households')
  @ApiOperation({ summary: 'Households of a village, paged (names masked)' })
  households(@User() user: CurrentUser, @ClientAddress() address: string, @Param('code') code: string, @Query() query: HouseholdsQuery): Promise<Page<HouseholdDto>> {
    return this.regions.households(user, address, villageCode(code), query.page, query.pageSize, query.q?.trim() || null);
  }

  @Get('projects')
  @ApiOperation({ summary: '衔接资金 projects' })
  projects(@User() user: CurrentUser, @Query() query: ProjectsQuery): Promise<ProjectDto[]> {
    return this.regions.projects(user, query.year ?? null, query.town ?? null, query.village ?? null);
  }

  @Get('assets')
  @ApiOperation({ summary: 'Project assets (项目资产)' })
  assets(@User() user: CurrentUser, @Query() query: VillageFilterQuery): Promise<AssetDto[]> {
    return this.regions.assets(user, query.village ?? null);
  }

  @Get('cadres')
  @ApiOperation({ summary: 'Village cadres (phones masked)' })
  cadres(@User() user: CurrentUser, @Query() query: VillageFilterQuery): Promise<CadreDto[]> {
    return this.regions.cadres(user, query.village ?? null);
  }
}
