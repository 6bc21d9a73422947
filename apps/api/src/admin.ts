/**
 * Administration from the command line, for a deployment without demo accounts:
 *   npm run -s admin -- create-admin --username NAME [--display-name 姓名]
 * The password comes from LOOKBACK_ADMIN_PASSWORD, or is asked for on the terminal.
 * Uses DATABASE_URL, or the embedded PostgreSQL under LOOKBACK_DATA_DIR like `npm start`.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem } from './auth/passwords.js';
import { loadConfig } from './config/config.js';
import { openDatabase } from './database/data-source.js';
import { startEmbeddedPostgres } from './database/embedded.js';

async function askPassword(): Promise<string> {
  if (process.env.LOOKBACK_ADMIN_PASSWORD) return process.env.LOOKBACK_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('set LOOKBACK_ADMIN_PASSWORD or run in a terminal to type the password');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('Password for the new admin (at least 10 characters): ');
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-admin') {
    process.stderr.write('Usage: npm run -s admin -- create-admin --username NAME [--display-name 姓名]\n');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, 'display-name': { type: 'string' } }, strict: true });
  const username = values.username?.trim().toLowerCase() ?? '';
  if (!/^[a-z0-9][a-z0-9_.-]{1,31}$/.test(username)) {
    process.stderr.write('--username: 2–32 lowercase letters, digits, _ . -\n');
    return 2;
  }
  const password = await askPassword();
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 2;
  }
  const config = loadConfig();
  const embedded = config.databaseUrl === null ? await startEmbeddedPostgres(config.dataDir, config.embeddedPort, () => undefined) : null;
  const db = await openDatabase(config.databaseUrl ?? embedded!.url);
  try {
    const rows: unknown[] = await db.query(
      `INSERT INTO app_user (username, display_name, role, scope_towns, password_hash) VALUES ($1, $2, 'admin', NULL, $3)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, values['display-name'] ?? '系统管理员', await hashPassword(password)],
    );
    if (!rows.length) {
      process.stderr.write(`user ${username} already exists; nothing changed\n`);
      return 1;
    }
    process.stdout.write(`created admin ${username}\n`);
    return 0;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
