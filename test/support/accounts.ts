import { hashPassword } from '../../apps/api/src/auth/passwords.js';
import type { Role } from '../../apps/api/src/auth/roles.js';
import type { Database } from '../../apps/api/src/common/database.js';

export const TEST_PASSWORD = 'test-password-1';
let hashed: Promise<string> | null = null;

/** Inserts an account (password TEST_PASSWORD) unless it exists. */
export async function ensureUser(db: Database, username: string, role: Role, scopeTowns: string[] | null = null): Promise<void> {
  hashed ??= hashPassword(TEST_PASSWORD);
  await db.query(
    `INSERT INTO app_user (username, display_name, role, scope_towns, password_hash) VALUES ($1, $1, $2, $3, $4)
     ON CONFLICT (username) DO UPDATE SET role = excluded.role, scope_towns = excluded.scope_towns, disabled = false, password_hash = excluded.password_hash`,
    [username, role, scopeTowns, await hashed],
  );
}

/** Signs in over HTTP and answers the bearer token. */
export async function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A signed-in account of the role, created on first use. */
export async function tokenFor(baseUrl: string, db: Database, role: Role, username = `test-${role}`, scopeTowns: string[] | null = null): Promise<string> {
  await ensureUser(db, username, role, scopeTowns);
  return login(baseUrl, username);
}
