import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { User } from '../auth/request-user.js';
import type { CurrentUser } from '../auth/roles.js';
import { type AccessLogEntry, AccessLogRepository } from './access-log.repository.js';

/**
 * Entries whose target names a plan, its days, teams and commitment, or a village whose
 * households someone opened (while planning: where the next visit may go). A whole-county
 * planner sees them whole; anyone else who reads the log (admins, planners of some towns) sees
 * who did what and when, from where, but not which plan, day or village.
 */
export const SECRET_TARGET_TYPES: readonly string[] = ['plan', 'plan-day', 'plan-roster', 'plan-draw-record', 'plan-household-ledger', 'plan-report', 'plan-quiz', 'village-households'];

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
  async find(@User() user: CurrentUser, @Query() query: AccessLogQuery): Promise<AccessLogEntry[]> {
    const whole = user.role === 'planner' && user.scopeTowns === null;
    // Searching by a target id must not tell a redacted reader whether a plan id exists.
    const hidden = whole ? [] : SECRET_TARGET_TYPES;
    const entries = await this.log.find({ targetType: query.targetType ?? null, targetId: query.targetId ?? null, limit: query.limit, excludeTypes: query.targetId ? hidden : [] });
    return entries.map((e) => (hidden.includes(e.targetType) ? { ...e, targetId: null, detail: null, redacted: true } : e));
  }
}
