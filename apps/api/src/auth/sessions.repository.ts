import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '../common/database.js';
import type { CurrentUser } from './roles.js';

/** Sessions are stored by the SHA-256 of their token; the token itself never reaches the database. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(tokenHash: string, userId: string, expiresAt: Date, address: string | null, userAgent: string | null): Promise<void> {
    await this.db.query(`INSERT INTO user_session (token_hash, user_id, expires_at, address, user_agent) VALUES ($1, $2, $3, $4, $5)`, [
      tokenHash,
      userId,
      expiresAt,
      address,
      userAgent?.slice(0, 300) ?? null,
    ]);
  }

  /** The user of a live session of an enabled account. */
  async findUser(tokenHash: string, now: Date): Promise<CurrentUser | null> {
    const rows: CurrentUser[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.scope_towns AS "scopeTowns", u.full_export AS "fullExport"
       FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
      [tokenHash, now],
    );
    return rows[0] ?? null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash]);
  }

  async deleteForUser(userId: string, except: string | null = null): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [userId, except]);
  }
}
