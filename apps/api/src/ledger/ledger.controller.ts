import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { GenerateLedgerResultDto, LedgerItemDetailDto, LedgerItemDto, LedgerListDto, LedgerStatus, PlanFindingDto } from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import type { Response } from 'express';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CreateLedgerItemDto, GenerateLedgerDto, IssueLedgerDto, TransitionDto, UpdateLedgerItemDto } from './dto.js';
import { LedgerExportsService } from './ledger-exports.service.js';
import type { LedgerFilter } from './ledger.repository.js';
import { type LedgerTransition, LedgerService } from './ledger.service.js';

interface UploadedEvidence {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TRANSITIONS: readonly LedgerTransition[] = ['start', 'submit', 'close', 'send-back'];

function filterOf(query: Record<string, string | undefined>): Omit<LedgerFilter, 'today'> {
  const filter: Omit<LedgerFilter, 'today'> = {};
  if (query.status) filter.status = query.status as LedgerStatus;
  if (query.town) {
    if (!/^\d{12}$/.test(query.town)) throw new DomainError(ErrorCode.ValidationFailed, '乡镇代码应为 12 位数字');
    filter.town = query.town;
  }
  if (query.overdue === 'true' || query.overdue === '1') filter.overdue = true;
  else if (query.overdue === 'false' || query.overdue === '0') filter.overdue = false;
  else if (query.overdue) throw new DomainError(ErrorCode.ValidationFailed, 'overdue 应为 true 或 false');
  if (query.plan) {
    if (!isUuid(query.plan)) throw new DomainError(ErrorCode.NotFound, '督查方案不存在');
    filter.planId = query.plan;
  }
  return filter;
}

function attachment(res: Response, name: string, body: Buffer): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.end(body);
}

@ApiTags('ledger')
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly exports: LedgerExportsService,
  ) {}

  @Get('ledger/items')
  @ApiOperation({ summary: 'Ledger items the caller may see (rectifiers: issued items of their towns), with filters' })
  @ApiQuery({ name: 'status', required: false }) @ApiQuery({ name: 'town', required: false }) @ApiQuery({ name: 'overdue', required: false }) @ApiQuery({ name: 'plan', required: false })
  list(@User() user: CurrentUser, @Query() query: Record<string, string | undefined>): Promise<LedgerListDto> {
    return this.ledger.list(user, filterOf(query));
  }

  @Post('ledger/items')
  @ApiOperation({ summary: 'Add an item by hand (planner)' })
  create(@User() user: CurrentUser, @Body() body: CreateLedgerItemDto): Promise<LedgerItemDto> {
    return this.ledger.create(user, body);
  }

  @Get('ledger/items/:id')
  @ApiOperation({ summary: 'One item with its history, evidence, findings and what the caller may do' })
  detail(@User() user: CurrentUser, @Param('id') id: string): Promise<LedgerItemDetailDto> {
    return this.ledger.detail(user, id);
  }

  @Patch('ledger/items/:id')
  @ApiOperation({ summary: 'Edit an item (planner: every column; rectifier: 整改情况 and 责任人)' })
  update(@User() user: CurrentUser, @Param('id') id: string, @Body() body: UpdateLedgerItemDto): Promise<LedgerItemDetailDto> {
    return this.ledger.update(user, id, body);
  }

  // Before ':action', so that Express matches /evidence here.
  @Post('ledger/items/:id/evidence')
  // The 10 MB limit is checked in the service, whose message names it (multer's would name the import limit).
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload a photo or document as evidence (stored once per item by SHA-256)' })
  upload(@User() user: CurrentUser, @Param('id') id: string, @UploadedFile() file: UploadedEvidence | undefined): Promise<{ id: string; stored: boolean; sha256: string }> {
    if (!file) throw new DomainError(ErrorCode.ValidationFailed, '请选择要上传的照片或文件（表单字段 file）');
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.ledger.uploadEvidence(user, id, name, file.mimetype, file.buffer);
  }

  @Delete('ledger/items/:id/evidence/:evidenceId')
  @ApiOperation({ summary: 'Remove a wrong evidence file: its uploader, before the item is submitted with it (logged)' })
  removeEvidence(@User() user: CurrentUser, @Param('id') id: string, @Param('evidenceId') evidenceId: string): Promise<LedgerItemDetailDto> {
    return this.ledger.removeEvidence(user, id, evidenceId);
  }

  @Post('ledger/items/:id/:action')
  @HttpCode(200)
  @ApiOperation({ summary: 'start | submit | close | send-back (logged; close only by a planner other than the submitter)' })
  transition(@User() user: CurrentUser, @Param('id') id: string, @Param('action') action: string, @Body() body: TransitionDto): Promise<LedgerItemDetailDto> {
    if (!TRANSITIONS.includes(action as LedgerTransition)) throw new DomainError(ErrorCode.NotFound, `没有“${action}”这一操作`);
    return this.ledger.transition(user, id, action as LedgerTransition, body.note);
  }

  @Post('ledger/issue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue items to their units (items of a plan only after its seed is revealed)' })
  issue(@User() user: CurrentUser, @Body() body: IssueLedgerDto): Promise<{ issued: number }> {
    return this.ledger.issue(user, body.ids);
  }

  @Get('ledger/items/:id/evidence/:evidenceId')
  @ApiOperation({ summary: 'One evidence file' })
  async evidence(@User() user: CurrentUser, @Param('id') id: string, @Param('evidenceId') evidenceId: string, @Res() res: Response): Promise<void> {
    const file = await this.ledger.evidence(user, id, evidenceId);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const inline = file.contentType.startsWith('image/') || file.contentType === 'application/pdf';
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="evidence"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.end(file.content);
  }

  @Get('ledger/export/jianan.xlsx')
  @ApiOperation({ summary: '建安 layout: 序号 问题类型 问题性质 问题表述 整改措施 完成时限 责任单位 (same filters as the list)' })
  async jianan(@User() user: CurrentUser, @ClientAddress() address: string, @Query() query: Record<string, string | undefined>, @Res() res: Response): Promise<void> {
    attachment(res, '整改台账（建安格式）.xlsx', await this.exports.jianan(user, address, filterOf(query)));
  }

  @Get('ledger/export/xiangcheng.xlsx')
  @ApiOperation({ summary: '襄城 layout: 类别 分项 序号 排查项目 排查发现问题 整改措施 整改情况 责任单位' })
  async xiangcheng(@User() user: CurrentUser, @ClientAddress() address: string, @Query() query: Record<string, string | undefined>, @Res() res: Response): Promise<void> {
    attachment(res, '排查整改台账（襄城格式）.xlsx', await this.exports.xiangcheng(user, address, filterOf(query)));
  }

  @Get('plans/:id/ledger/findings')
  @ApiOperation({ summary: "The plan's findings and the item each is already in (planner)" })
  findings(@User() user: CurrentUser, @Param('id') id: string): Promise<PlanFindingDto[]> {
    return this.ledger.planFindings(user, id);
  }

  @Post('plans/:id/ledger/generate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Findings → ledger items (one per finding, or merged groups); generating again adds nothing' })
  generate(@User() user: CurrentUser, @Param('id') id: string, @Body() body: GenerateLedgerDto): Promise<GenerateLedgerResultDto> {
    return this.ledger.generate(user, id, body);
  }

  @Post('plans/:id/ledger/issue')
  @HttpCode(200)
  @ApiOperation({ summary: "Issue every not yet issued item of the plan (after the seed is revealed)" })
  issuePlan(@User() user: CurrentUser, @Param('id') id: string): Promise<{ issued: number }> {
    return this.ledger.issuePlan(user, id);
  }

  @Get('plans/:id/household-ledger.xlsx')
  @ApiOperation({ summary: '萧县 大排查入户排查台账 of the plan’s household visits (names masked without full export)' })
  async xiao(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    attachment(res, '大排查入户排查台账.xlsx', await this.exports.xiaoHouseholds(user, address, id));
  }
}
