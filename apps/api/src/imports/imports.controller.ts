import { Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ImportJobDto } from '@lookback/contracts';
import type { Response } from 'express';
import { User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { ImportsService } from './imports.service.js';
import { TemplatesService } from './templates.service.js';

/** The part of multer's file that the import reads (memory storage). */
interface UploadedBinary {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly templates: TemplatesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recent import jobs' })
  recent(@User() user: CurrentUser): Promise<ImportJobDto[]> {
    countyWide(user);
    return this.imports.recent();
  }

  @Get('templates/:file')
  @ApiOperation({ summary: 'Download an empty import template, e.g. households.xlsx or households.csv' })
  async template(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const template = await this.templates.template(file);
    res.setHeader('Content-Type', template.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(template.fileName)}`);
    res.send(Buffer.from(template.body));
  }

  @Post(':kind')
  @HttpCode(202)
  @ApiOperation({ summary: 'Upload a roster file (CSV or XLSX); answers the import job, which runs in the background' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file'))
  upload(@User() user: CurrentUser, @Param('kind') kind: string, @UploadedFile() file: UploadedBinary | undefined): Promise<ImportJobDto> {
    countyWide(user);
    const importKind = this.imports.assertKind(kind);
    if (!file) throw new DomainError(ErrorCode.ValidationFailed, '请选择要上传的文件（表单字段名 file）');
    // multer decodes the file name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.imports.start(importKind, fileName, file.buffer);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress and result of an import job' })
  get(@User() user: CurrentUser, @Param('id') id: string): Promise<ImportJobDto> {
    countyWide(user);
    return this.imports.get(id);
  }
}

/**
 * An import replaces the rows of every village its file names, and its jobs' problems quote the
 * file's cells (names, incomes): both are for accounts of the whole county. A planner of some
 * towns reads their data but does not load it.
 */
function countyWide(user: CurrentUser): void {
  if (user.scopeTowns !== null) throw new DomainError(ErrorCode.Forbidden, '导入名单会替换全县的数据，只有全县范围的账号可以导入和查看导入记录（本账号只管辖部分乡镇）');
}
