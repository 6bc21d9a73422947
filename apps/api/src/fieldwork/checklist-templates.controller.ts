import { Controller, Get, Param, ParseIntPipe, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChecklistTemplate } from '@lookback/fieldwork';
import type { Response } from 'express';
import { User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { TemplateVersionRow } from './checklist-templates.repository.js';
import { ChecklistTemplatesService } from './checklist-templates.service.js';

@ApiTags('field work')
@Controller('checklist-templates')
export class ChecklistTemplatesController {
  constructor(private readonly templates: ChecklistTemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'The current version of every checklist template, and every version stored' })
  async list(): Promise<{ current: ChecklistTemplate[]; versions: TemplateVersionRow[] }> {
    return { current: await this.templates.current(), versions: await this.templates.history() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One template: the current version, or ?version=N' })
  get(@Param('id') id: string, @Query('version', new ParseIntPipe({ optional: true })) version?: number): Promise<ChecklistTemplate> {
    return this.templates.get(id, version);
  }

  @Get(':id/xlsx')
  @ApiOperation({ summary: 'The current version as an xlsx sheet to edit in Excel or WPS' })
  async exportXlsx(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.templates.exportXlsx(id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.send(Buffer.from(file.body));
  }

  @Put(':id/xlsx')
  @ApiOperation({ summary: 'Upload an edited sheet: stored as the next version, or refused whole with row-by-row problems' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file'))
  importXlsx(@User() user: CurrentUser, @Param('id') id: string, @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined): Promise<ChecklistTemplate> {
    if (!file) throw new DomainError(ErrorCode.ValidationFailed, '请选择要上传的排查表文件（表单字段名 file）');
    return this.templates.importXlsx(user, id, Buffer.from(file.originalname, 'latin1').toString('utf8'), file.buffer);
  }
}
