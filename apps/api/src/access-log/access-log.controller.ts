import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { type AccessLogEntry, AccessLogRepository } from './access-log.repository.js';

class AccessLogQuery {
  @ApiPropertyOptional({ description: 'e.g. plan, village-households' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(80)
  targetId?: string;

  @ApiPropertyOptional({ default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000, { message: 'limit 最大为 1000' })
  limit = 200;
}

@ApiTags('access log')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly log: AccessLogRepository) {}

  @Get()
  @ApiOperation({ summary: 'Who read what, when, from where (append-only)' })
  find(@Query() query: AccessLogQuery): Promise<AccessLogEntry[]> {
    return this.log.find({ targetType: query.targetType ?? null, targetId: query.targetId ?? null, limit: query.limit });
  }
}
