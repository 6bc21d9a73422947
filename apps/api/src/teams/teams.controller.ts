import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DayRouteDto, MyDayDto, TeamDto, VisitDto } from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { AutoScheduleDto, CreateTeamDto, ScheduleDto } from './dto.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams and routes')
@Controller()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get('plans/:id/teams')
  @ApiOperation({ summary: 'Inspection teams of a plan' })
  list(@User() user: CurrentUser, @Param('id') id: string): Promise<TeamDto[]> {
    return this.teams.list(user, id);
  }

  @Post('plans/:id/teams')
  @ApiOperation({ summary: 'Create a team: members (inspector accounts), start point, home towns' })
  create(@User() user: CurrentUser, @Param('id') id: string, @Body() body: CreateTeamDto): Promise<TeamDto> {
    return this.teams.create(user, id, body);
  }

  @Delete('plans/:id/teams/:teamId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a team (and its visits)' })
  remove(@User() user: CurrentUser, @Param('id') id: string, @Param('teamId') teamId: string): Promise<void> {
    return this.teams.remove(user, id, teamId);
  }

  @Get('plans/:id/schedule')
  @ApiOperation({ summary: 'Which team visits which village on which day' })
  schedule(@User() user: CurrentUser, @Param('id') id: string): Promise<VisitDto[]> {
    return this.teams.schedule(user, id);
  }

  @Put('plans/:id/schedule')
  @ApiOperation({ summary: 'Set the schedule by hand (replaces it)' })
  setSchedule(@User() user: CurrentUser, @Param('id') id: string, @Body() body: ScheduleDto): Promise<VisitDto[]> {
    return this.teams.setSchedule(user, id, body.visits);
  }

  @Post('plans/:id/schedule/auto')
  @HttpCode(200)
  @ApiOperation({ summary: 'Schedule automatically: balanced workload, towns kept together, no team in its home town' })
  auto(@User() user: CurrentUser, @Param('id') id: string, @Body() body: AutoScheduleDto): Promise<VisitDto[]> {
    return this.teams.autoSchedule(user, id, body.dates);
  }

  @Get('plans/:id/routes')
  @ApiOperation({ summary: 'Routes of every team-day (names masked)' })
  routes(@User() user: CurrentUser, @Param('id') id: string): Promise<DayRouteDto[]> {
    return this.teams.routes(user, id);
  }

  @Get('my/days')
  @ApiOperation({ summary: "The caller's team-days and when each opens" })
  myDays(@User() user: CurrentUser): Promise<MyDayDto[]> {
    return this.teams.myDays(user);
  }

  @Get('my/days/:planId/:date')
  @ApiOperation({ summary: "An inspector's route for a visit day (from the opening hour of that day)" })
  myDay(@User() user: CurrentUser, @ClientAddress() address: string, @Param('planId') planId: string, @Param('date') date: string): Promise<DayRouteDto> {
    if (!isUuid(planId) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DomainError(ErrorCode.NotFound, '今天没有安排给您的走访路线');
    return this.teams.myDay(user, address, planId, date);
  }
}
