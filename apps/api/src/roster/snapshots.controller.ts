import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SnapshotDto } from '@lookback/contracts';
import type { Response } from 'express';
import { notFound } from '../common/domain-error.js';
import { SnapshotsRepository } from './snapshots.repository.js';
import { isUuid } from '@lookback/fieldwork';

@ApiTags('master data')
@Controller('snapshots')
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsRepository) {}

  @Get()
  @ApiOperation({ summary: 'Immutable roster snapshots, newest first' })
  list(): Promise<SnapshotDto[]> {
    return this.snapshots.findAll(100);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'The canonical serialisation of a snapshot (gzip), to recompute its hash' })
  async content(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const content = isUuid(id) ? await this.snapshots.findContent(id) : null;
    if (!content) throw notFound('名单快照');
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Disposition', `attachment; filename="roster-${id}.txt.gz"`);
    res.send(content);
  }
}
