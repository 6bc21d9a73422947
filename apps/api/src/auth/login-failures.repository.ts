import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '../common/database.js';

/** Failed logins, in the database so that the limit holds across API instances. */
@Injectable()
export class LoginFailuresRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async record(username: string, address: string, at: Date): Promise<void> {
    await this.db.query(`INSERT INTO login_failure (username, address, at) VALUES ($1, $2, $3)`, [username, address, at]);
  }

  /** Failures since `since` for the account and for the address, with the oldest of each. */
  async recent(username: string, address: string, since: Date): Promise<{ byUser: number; byAddress: number; oldestUser: Date | null; oldestAddress: Date | null }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS "byUser", count(*) FILTER (WHERE address = $2)::int AS "byAddress",
              min(at) FILTER (WHERE username = $1) AS "oldestUser", min(at) FILTER (WHERE address = $2) AS "oldestAddress"
       FROM login_failure WHERE at > $3 AND (username = $1 OR address = $2)`,
      [username, address, since],
    );
    return row;
  }

  async clearForUser(username: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failure WHERE username = $1`, [username]);
  }
}
