import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '../common/database.js';
import type { CurrentUser, Role } from './roles.js';

export interface UserRow extends CurrentUser {
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
}

const COLUMNS = `id, username, display_name AS "displayName", role, scope_towns AS "scopeTowns", full_export AS "fullExport",
  password_hash AS "passwordHash", disabled, created_at AS "createdAt"`;

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findByUsername(username: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.db.query(`SELECT ${COLUMNS} FROM app_user WHERE username = $1`, [username]);
    return rows[0] ?? null;
  }

  async findAll(): Promise<UserRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM app_user ORDER BY role, username`);
  }

  async insert(user: { username: string; displayName: string; role: Role; scopeTowns: string[] | null; passwordHash: string }): Promise<UserRow> {
    const [row]: UserRow[] = await this.db.query(
      `INSERT INTO app_user (username, display_name, role, scope_towns, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [user.username, user.displayName, user.role, user.scopeTowns, user.passwordHash],
    );
    return row;
  }

  async update(
    username: string,
    changes: Partial<{ displayName: string; role: Role; scopeTowns: string[] | null; disabled: boolean; fullExport: boolean; passwordHash: string }>,
  ): Promise<UserRow | null> {
    const columns: Record<string, string> = { displayName: 'display_name', role: 'role', scopeTowns: 'scope_towns', disabled: 'disabled', fullExport: 'full_export', passwordHash: 'password_hash' };
    const sets: string[] = [];
    const values: unknown[] = [username];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      values.push(value);
      sets.push(`${columns[key]} = $${values.length}`);
    }
    if (changes.passwordHash !== undefined) sets.push('password_changed_at = now()');
    if (!sets.length) return this.findByUsername(username);
    // Through a CTE: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const rows: UserRow[] = await this.db.query(`WITH updated AS (UPDATE app_user SET ${sets.join(', ')} WHERE username = $1 RETURNING *) SELECT ${COLUMNS} FROM updated`, values);
    return rows[0] ?? null;
  }
}
