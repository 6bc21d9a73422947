import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SnapshotDto } from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import type { Response } from 'express';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import { ClientAddress, User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { SnapshotsRepository } from './snapshots.repository.js';

@ApiTags('master data')
@Controller('snapshots')
export class SnapshotsController {
  constructor(
    private readonly snapshots: SnapshotsRepository,
    private readonly accessLog: AccessLogRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Immutable roster snapshots, newest first' })
  list(): Promise<SnapshotDto[]> {
    return this.snapshots.findAll(100);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'The canonical serialisation of a snapshot (gzip), to recompute its hash: whole-county accounts with full export only; logged' })
  async content(@User() user: CurrentUser, @ClientAddress() address: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    // The canonical text holds every household with its head's full name and every cadre's phone:
    // it cannot be masked without changing its hash, so only an account trusted with full
    // exports of the whole county may download it, and each download is logged.
    if (user.scopeTowns !== null || !user.fullExport) {
      throw new DomainError(ErrorCode.Forbidden, '名单快照含全县户主姓名和联系电话，只有获准“完整导出”的全县账号可以下载（请联系系统管理员）');
    }
    const content = isUuid(id) ? await this.snapshots.findContent(id) : null;
    if (!content) throw notFound('名单快照');
    await this.accessLog.append(user, 'export', 'roster-snapshot', id, address);
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Disposition', `attachment; filename="roster-${id}.txt.gz"`);
    res.send(content);
  }
}
