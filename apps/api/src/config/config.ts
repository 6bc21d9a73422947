/**
 * Configuration, read once from the environment into a typed, read-only object.
 * Every variable is listed in .env.example. Bad values fail fast with a clear message.
 */
import { resolve } from 'node:path';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Set: use this PostgreSQL server. Unset: start the embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly embeddedPort: number;
  /** Load the demo county into an empty database on start (default: on with the embedded database). */
  readonly demo: boolean;
  readonly demoSize: 'tiny' | 'demo' | 'county';
  readonly webDist: string | null;
  readonly logLevel: string;
  readonly maxUploadBytes: number;
  readonly corsOrigins: readonly string[];
  readonly mapTileUrl: string | null;
  readonly mapTileAttribution: string;
  readonly mapTileSubdomains: string | null;
  /** When an inspector sees the day's route: this time (Asia/Shanghai) on the visit day. */
  readonly visitOpensAt: string;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  readonly secureCookies: boolean;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function time(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) throw new ConfigError(`${name} must be a time HH:MM, got "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const demoSize = env.LOOKBACK_DEMO_SIZE || 'demo';
  if (demoSize !== 'tiny' && demoSize !== 'demo' && demoSize !== 'county') {
    throw new ConfigError(`LOOKBACK_DEMO_SIZE must be tiny, demo or county, got "${demoSize}"`);
  }
  const webDist = env.LOOKBACK_WEB_DIST === '' ? null : resolve(cwd, env.LOOKBACK_WEB_DIST ?? 'apps/web/dist');
  return Object.freeze({
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: resolve(cwd, env.LOOKBACK_DATA_DIR || 'data'),
    embeddedPort: int(env, 'LOOKBACK_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    demo: bool(env, 'LOOKBACK_DEMO', databaseUrl === null),
    demoSize,
    webDist,
    logLevel: env.LOG_LEVEL || 'info',
    maxUploadBytes: int(env, 'LOOKBACK_MAX_UPLOAD_MB', 100, 1, 2048) * 1024 * 1024,
    corsOrigins: Object.freeze((env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    mapTileUrl: env.MAP_TILE_URL === undefined ? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' : env.MAP_TILE_URL || null,
    mapTileAttribution: env.MAP_TILE_ATTRIBUTION || '© OpenStreetMap contributors',
    mapTileSubdomains: env.MAP_TILE_SUBDOMAINS || null,
    secureCookies: bool(env, 'COOKIE_SECURE', false),
    visitOpensAt: time(env, 'LOOKBACK_VISIT_OPENS_AT', '06:00'),
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
