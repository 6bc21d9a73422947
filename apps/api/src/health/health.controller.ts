import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@lookback/contracts';
import { APP_CONFIG, type AppConfig, type MapConfig } from '../config/config.js';
import { DATABASE, type Database, EMBEDDED } from '../common/database.js';

export const VERSION = '0.1.0';

@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EMBEDDED) private readonly embedded: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness, with a round trip to the database' })
  async health(): Promise<HealthDto> {
    const started = performance.now();
    try {
      await this.db.query('SELECT 1');
      return { status: 'ok', database: { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10, embedded: this.embedded }, version: VERSION };
    } catch {
      return { status: 'degraded', database: { ok: false, latencyMs: null, embedded: this.embedded }, version: VERSION };
    }
  }

  @Get('config/map')
  @ApiOperation({ summary: 'Map tile configuration for the web app' })
  map(): MapConfig {
    return this.config.map;
  }
}
