import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type {
  DashboardDto,
  QuizAnalysisDto,
  RankingWeekDto,
  RescoreDto,
  ScoringSchemeDto,
  SnapshotResultDto,
  TownRankingDto,
  VillageRankingDto,
} from '@lookback/contracts';
import { rowsToXlsx } from '@lookback/roster';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { RankingsService } from './rankings.service.js';

export class CreateSchemeDto {
  @ApiProperty({ description: 'A ScoringScheme of @lookback/scoring with a new version label', type: 'object', additionalProperties: true })
  @IsObject({ message: 'scheme 应为评分方案 JSON 对象' })
  scheme!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Why the weights changed' })
  @IsOptional()
  @IsString({ message: 'note 应为文字' })
  @MaxLength(500, { message: '说明最多 500 字' })
  note?: string;
}

@ApiTags('rankings')
@Controller()
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  @Get('scoring-schemes')
  @ApiOperation({ summary: 'Scoring schemes, newest (current) first' })
  schemes(): Promise<ScoringSchemeDto[]> {
    return this.rankings.schemes();
  }

  @Get('scoring-schemes/:version')
  @ApiOperation({ summary: 'One scoring scheme by version' })
  scheme(@Param('version') version: string): Promise<ScoringSchemeDto> {
    return this.rankings.scheme(version);
  }

  @Post('scoring-schemes')
  @ApiOperation({ summary: 'Save a new scheme version (admin); schemes are never edited in place' })
  createScheme(@User() user: CurrentUser, @Body() body: CreateSchemeDto): Promise<ScoringSchemeDto> {
    return this.rankings.createScheme(user, body.scheme, body.note?.trim() ?? '');
  }

  @Get('rankings/weeks')
  @ApiOperation({ summary: 'Weeks with a ranking snapshot (the latest of each week)' })
  weeks(): Promise<RankingWeekDto[]> {
    return this.rankings.weeks();
  }

  @Get('rankings')
  @ApiOperation({ summary: '排队: village or town ranking of a week, with intervals, ties and change since last week' })
  @ApiOkResponse({ description: 'RankingTableDto (@lookback/contracts)' })
  async table(@User() user: CurrentUser, @Res({ passthrough: true }) res: Response, @Query('level') level?: string, @Query('week') week?: string): Promise<string> {
    // Sent as the JSON text kept with the table: no serialisation per request.
    const json = await this.rankings.tableJson(user, level, week);
    res.type('application/json');
    return json;
  }

  @Get('rankings/export.xlsx')
  @ApiOperation({ summary: '排队 of a week as an Excel sheet (the same rows as GET /api/rankings)' })
  async exportXlsx(@User() user: CurrentUser, @Res() res: Response, @Query('level') level?: string, @Query('week') week?: string): Promise<void> {
    const t = await this.rankings.table(user, level, week);
    const village = t.level === 'village';
    const names = new Map(t.rows.map((r) => [r.code, r.name]));
    const rows = [
      ['名次', village ? '行政村' : '乡镇', ...(village ? ['乡镇'] : []), '户数', '得分', '90%区间下限', '90%区间上限', '统计上并列', '上周名次', '名次变化', '得分变化'],
      ...t.rows.map((r) => [
        String(r.rank),
        r.name,
        ...(village ? [r.townName] : []),
        String(r.households),
        r.score.toFixed(1),
        r.interval[0].toFixed(1),
        r.interval[1].toFixed(1),
        r.tiedWith.map((code) => names.get(code) ?? code).join('、'),
        r.previousRank === null ? '新' : String(r.previousRank),
        r.change === null ? '' : r.change > 0 ? `上升${r.change}` : r.change < 0 ? `下降${-r.change}` : '持平',
        // A change of -0.04 rounds to 0.0, not "-0.0".
        r.scoreChange === null ? '' : (Math.round(r.scoreChange * 10) / 10 || 0).toFixed(1),
      ]),
    ];
    const body = await rowsToXlsx(`${t.period}排队`, rows);
    const name = `排队_${village ? '行政村' : '乡镇'}_${t.period}（评分方案${t.schemeVersion}）.xlsx`;
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.send(Buffer.from(body));
  }

  @Get('rankings/villages/:code')
  @ApiOperation({ summary: 'A village score: breakdown, household estimate, findings and ledger items behind it' })
  village(@User() user: CurrentUser, @Param('code') code: string, @Query('week') week?: string): Promise<VillageRankingDto> {
    return this.rankings.village(user, code, week);
  }

  @Get('rankings/towns/:code')
  @ApiOperation({ summary: 'A town score and its villages, weighted by households' })
  town(@User() user: CurrentUser, @Param('code') code: string, @Query('week') week?: string): Promise<TownRankingDto> {
    return this.rankings.town(user, code, week);
  }

  @Post('rankings/snapshot')
  @HttpCode(201)
  @ApiOperation({ summary: 'Take a ranking snapshot of the current week now (one more; nothing is replaced)' })
  snapshot(@User() user: CurrentUser): Promise<SnapshotResultDto> {
    return this.rankings.snapshotNow(user);
  }

  @Get('rankings/snapshots/:id/rescore')
  @ApiOperation({ summary: "A snapshot's stored inputs scored again under a scheme version (default: the one it used)" })
  rescore(@User() user: CurrentUser, @Param('id') id: string, @Query('scheme') scheme?: string): Promise<RescoreDto> {
    return this.rankings.rescore(user, id, scheme);
  }

  @Get('quiz-analysis')
  @ApiOperation({ summary: 'Quiz questions by the share of cadres who got them wrong (weakest first)' })
  quizAnalysis(@User() user: CurrentUser, @Query('planId') planId?: string): Promise<QuizAnalysisDto> {
    return this.rankings.quizAnalysis(user, planId);
  }

  @Get('dashboard')
  @ApiOperation({ summary: "Leaders' dashboard: score trend, problems by type, ledger closure and overdue, villages by score" })
  dashboard(@User() user: CurrentUser): Promise<DashboardDto> {
    return this.rankings.dashboard(user);
  }
}
