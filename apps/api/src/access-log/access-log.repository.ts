import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '../common/database.js';
import type { CurrentUser } from '../auth/roles.js';

export interface AccessLogEntry {
  id: string;
  at: string;
  username: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string | null;
  address: string | null;
  detail: unknown;
  /** Set when the target and detail were withheld from this reader. */
  redacted?: true;
}

/** The append-only access log (a trigger refuses UPDATE and DELETE). */
@Injectable()
export class AccessLogRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async append(user: CurrentUser, action: string, targetType: string, targetId: string | null, address: string | null, detail: unknown = null): Promise<void> {
    await this.db.query(
      `INSERT INTO access_log (user_id, username, role, action, target_type, target_id, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [user.id, user.username, user.role, action, targetType, targetId, address, detail === null ? null : JSON.stringify(detail)],
    );
  }

  async find(filter: { targetType: string | null; targetId: string | null; limit: number; excludeTypes?: readonly string[] }): Promise<AccessLogEntry[]> {
    const rows: (Omit<AccessLogEntry, 'at'> & { at: Date })[] = await this.db.query(
      `SELECT id::text, at, username, role, action, target_type AS "targetType", target_id AS "targetId", address, detail
       FROM access_log WHERE ($1::text IS NULL OR target_type = $1) AND ($2::text IS NULL OR target_id = $2) AND NOT (target_type = ANY($4::text[]))
       ORDER BY at DESC, id DESC LIMIT $3`,
      [filter.targetType, filter.targetId, filter.limit, filter.excludeTypes ?? []],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}
