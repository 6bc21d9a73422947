import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DrawRecord } from '@lookback/sampling';
import type { Response } from 'express';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { CreatePlanDto, DrawOptionsDto } from './dto.js';
import { type PlanDto, PlansService } from './plans.service.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @ApiOperation({ summary: 'Plans the caller may see (四不两直: secret until the visit)' })
  list(@User() user: CurrentUser): Promise<PlanDto[]> {
    return this.plans.list(user);
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft plan: choose villages, draw, and publish the commitment' })
  create(@User() user: CurrentUser, @ClientAddress() address: string, @Body() body: CreatePlanDto): Promise<{ plan: PlanDto; draw: DrawRecord }> {
    return this.plans.create(user, address, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A plan with its draw (logged)' })
  get(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string): Promise<{ plan: PlanDto; draw: DrawRecord }> {
    return this.plans.get(user, address, id);
  }

  @Post(':id/redraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draw again while the plan is a draft (logged)' })
  redraw(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Body() body: DrawOptionsDto): Promise<{ plan: PlanDto; draw: DrawRecord }> {
    return this.plans.redraw(user, address, id, body);
  }

  @Post(':id/seal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Seal: the draw and its commitment become final' })
  seal(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string): Promise<PlanDto> {
    return this.plans.seal(user, address, id);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reveal the seed after the visits, so anyone can re-run the draw' })
  reveal(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string): Promise<PlanDto> {
    return this.plans.reveal(user, address, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the plan completed (leaders can then read it)' })
  complete(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string): Promise<PlanDto> {
    return this.plans.complete(user, address, id);
  }

  @Get(':id/draw-record.json')
  @ApiOperation({ summary: 'The canonical draw record (the --draw of `lookback verify`)' })
  async drawRecord(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const json = await this.plans.drawRecordJson(user, address, id);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="draw-${id}.json"`);
    res.send(json);
  }

  @Get(':id/roster.csv')
  @ApiOperation({ summary: 'The households the plan was drawn from (the --roster of `lookback verify`)' })
  async roster(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const csv = await this.plans.rosterCsv(user, address, id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="roster-${id}.csv"`);
    res.send(csv);
  }
}
