import { gunzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { parseCanonicalRoster, type RosterInput } from '@lookback/roster';
import { notFound } from '../common/domain-error.js';
import { SnapshotsRepository } from './snapshots.repository.js';

/**
 * The roster as it stood in a snapshot, read back from its canonical text. Snapshots never change
 * (a trigger forbids it), so keeping the last one read in memory cannot disagree with another
 * API instance.
 */
@Injectable()
export class SnapshotRostersService {
  private last: { id: string; roster: RosterInput } | null = null;

  constructor(private readonly snapshots: SnapshotsRepository) {}

  async roster(snapshotId: string): Promise<RosterInput> {
    if (this.last?.id === snapshotId) return this.last.roster;
    const content = await this.snapshots.findContent(snapshotId);
    if (!content) throw notFound('名单快照');
    const roster = parseCanonicalRoster(gunzipSync(content).toString('utf8'));
    this.last = { id: snapshotId, roster };
    return roster;
  }
}
