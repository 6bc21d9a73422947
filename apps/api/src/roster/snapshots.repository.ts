import { Inject, Injectable } from '@nestjs/common';
import type { ImportKind, SnapshotDto } from '@lookback/contracts';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';

const COLUMNS = `id, content_hash AS "contentHash", created_at AS "createdAt", kind, file_name AS "fileName", counts`;

interface SnapshotRow extends Omit<SnapshotDto, 'createdAt'> {
  createdAt: Date;
}
const toDto = (r: SnapshotRow): SnapshotDto => ({ ...r, createdAt: r.createdAt.toISOString() });

/** Immutable roster snapshots (a trigger refuses UPDATE and DELETE). */
@Injectable()
export class SnapshotsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findLatest(): Promise<SnapshotDto | null> {
    const rows: SnapshotRow[] = await this.db.query(`SELECT ${COLUMNS} FROM roster_snapshot ORDER BY created_at DESC, id LIMIT 1`);
    return rows[0] ? toDto(rows[0]) : null;
  }

  async findAll(limit: number): Promise<SnapshotDto[]> {
    const rows: SnapshotRow[] = await this.db.query(`SELECT ${COLUMNS} FROM roster_snapshot ORDER BY created_at DESC, id LIMIT $1`, [limit]);
    return rows.map(toDto);
  }

  async findById(id: string): Promise<SnapshotDto | null> {
    const rows: SnapshotRow[] = await this.db.query(`SELECT ${COLUMNS} FROM roster_snapshot WHERE id = $1`, [id]);
    return rows[0] ? toDto(rows[0]) : null;
  }

  async findContent(id: string): Promise<Buffer | null> {
    const rows: { content: Buffer }[] = await this.db.query(`SELECT content FROM roster_snapshot WHERE id = $1`, [id]);
    return rows[0]?.content ?? null;
  }

  /** The content of the newest snapshot, read inside an import's transaction. */
  async findLatestContent(tx: EntityManager): Promise<{ contentHash: string; content: Buffer } | null> {
    const rows: { contentHash: string; content: Buffer }[] = await tx.query(
      `SELECT content_hash AS "contentHash", content FROM roster_snapshot ORDER BY created_at DESC, id LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async insert(
    tx: EntityManager,
    snapshot: { kind: ImportKind; fileName: string; contentHash: string; counts: SnapshotDto['counts']; content: Buffer },
  ): Promise<SnapshotDto> {
    const [row]: SnapshotRow[] = await tx.query(
      `INSERT INTO roster_snapshot (kind, file_name, content_hash, counts, content) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [snapshot.kind, snapshot.fileName, snapshot.contentHash, JSON.stringify(snapshot.counts), snapshot.content],
    );
    return toDto(row);
  }
}
