import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PlanReportDto } from '@lookback/contracts';
import type { Response } from 'express';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { SuggestionsBodyDto } from './dto.js';
import { ReportService } from './report.service.js';

@ApiTags('reports')
@Controller('plans/:id/report')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get()
  @ApiOperation({ summary: '督查报告 of a plan: 基本情况, 典型经验, 存在的主要问题及困难, 意见建议 (planners; leaders once completed)' })
  get(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string): Promise<PlanReportDto> {
    return this.reports.report(user, address, id);
  }

  @Put('suggestions')
  @ApiOperation({ summary: 'Save the edited 意见建议 (an empty list restores the generated ones)' })
  suggestions(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Body() body: SuggestionsBodyDto): Promise<PlanReportDto> {
    return this.reports.saveSuggestions(user, address, id, body.suggestions);
  }
}

/** The .docx sits beside the JSON: GET /api/plans/:id/report.docx */
@ApiTags('reports')
@Controller('plans')
export class ReportDocxController {
  constructor(private readonly reports: ReportService) {}

  @Get(':id/report.docx')
  @ApiOperation({ summary: '督查报告 as a Word document (仿宋/黑体, A4)' })
  async docx(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { filename, content } = await this.reports.docx(user, address, id);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader('Content-Disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.send(content);
  }
}
