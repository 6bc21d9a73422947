import { Injectable, Logger } from '@nestjs/common';
import type { ImportKind } from '@lookback/contracts';
import { generateCounty } from '@lookback/demo-county';
import { assetsToRows, cadresToRows, householdsToRows, projectsToRows, toCsv, villagesToRows } from '@lookback/roster';
import { ImportsService } from '../imports/imports.service.js';
import { RegionsRepository } from '../regions/regions.repository.js';

/**
 * Loads the demo county into an empty database, through the same import path a user takes:
 * the generator's records are written as the CSV files a county would upload, then imported.
 */
@Injectable()
export class DemoLoaderService {
  private readonly logger = new Logger(DemoLoaderService.name);

  constructor(
    private readonly imports: ImportsService,
    private readonly regions: RegionsRepository,
  ) {}

  async loadIfEmpty(size: 'tiny' | 'demo' | 'county'): Promise<boolean> {
    if ((await this.regions.findCounty()) !== null) return false;
    const started = Date.now();
    const county = generateCounty({ size });
    this.imports.nameCounty(county.county.code, county.county.name);
    const files: [ImportKind, string[][]][] = [
      ['villages', villagesToRows(county.villages)],
      ['households', householdsToRows(county.households)],
      ['projects', projectsToRows(county.projects)],
      ['assets', assetsToRows(county.assets)],
      ['cadres', cadresToRows(county.cadres)],
    ];
    for (const [kind, rows] of files) {
      const job = await this.imports.runToEnd(kind, `demo-${kind}.csv`, new TextEncoder().encode(toCsv(rows)));
      if (job.status !== 'done') throw new Error(`demo ${kind} import failed: ${job.message} ${JSON.stringify(job.problems.slice(0, 3))}`);
    }
    this.logger.log(`demo county ${county.county.name} (${size}) loaded in ${Date.now() - started} ms: ${county.households.length} households`);
    return true;
  }
}
