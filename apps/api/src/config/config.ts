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
  readonly map: MapConfig;
  /** When an inspector sees the day's route: this time (Asia/Shanghai) on the visit day. */
  readonly visitOpensAt: string;
  /** Days after the visit day at whose midnight (China time) its route and packet stop being served. */
  readonly visitReadableDays: number;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  readonly secureCookies: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe (Express `trust proxy`): the load balancer's
   * addresses or subnets, or a hop count. The client address decides the per-address login limit.
   */
  readonly trustProxy: string | number;
  /** Scheduled jobs (ledger reminders, weekly rankings): on, and how often due runs are checked. */
  readonly scheduler: { readonly enabled: boolean; readonly tickSeconds: number };
}

/** Base map tiles for the web app. Coordinates are stored in WGS84; 高德 tiles are GCJ-02. */
export interface MapConfig {
  provider: 'osm' | 'tianditu' | 'amap' | 'custom' | 'none';
  tileUrl: string | null;
  /** 天地图 draws labels on a second layer. */
  labelUrl: string | null;
  subdomains: string | null;
  attribution: string;
  /** The datum of the tiles: markers are shifted for display on GCJ-02 tiles. */
  coordinateSystem: 'wgs84' | 'gcj02';
}

export class ConfigError extends Error {}

function mapConfig(env: NodeJS.ProcessEnv): MapConfig {
  const provider = env.MAP_TILE_PROVIDER || (env.MAP_TILE_URL !== undefined ? 'custom' : 'osm');
  switch (provider) {
    case 'osm':
      return { provider, tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', labelUrl: null, subdomains: null, attribution: '© OpenStreetMap contributors', coordinateSystem: 'wgs84' };
    case 'tianditu': {
      const key = env.TIANDITU_KEY;
      if (!key) throw new ConfigError('MAP_TILE_PROVIDER=tianditu needs TIANDITU_KEY (a 天地图 browser key)');
      const layer = (name: string) =>
        `https://t{s}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
      return { provider, tileUrl: layer('vec'), labelUrl: layer('cva'), subdomains: '01234567', attribution: '天地图 © 国家地理信息公共服务平台', coordinateSystem: 'wgs84' };
    }
    case 'amap':
      return { provider, tileUrl: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}', labelUrl: null, subdomains: '1234', attribution: '© 高德地图', coordinateSystem: 'gcj02' };
    case 'custom':
      return { provider, tileUrl: env.MAP_TILE_URL || null, labelUrl: null, subdomains: env.MAP_TILE_SUBDOMAINS || null, attribution: env.MAP_TILE_ATTRIBUTION || '', coordinateSystem: env.MAP_TILE_GCJ02 === 'true' ? 'gcj02' : 'wgs84' };
    case 'none':
      return { provider, tileUrl: null, labelUrl: null, subdomains: null, attribution: '', coordinateSystem: 'wgs84' };
    default:
      throw new ConfigError(`MAP_TILE_PROVIDER must be osm, tianditu, amap, custom or none, got "${provider}"`);
  }
}

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

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];
const PROXY_ADDRESS = /^[0-9a-f:.]+(\/\d{1,3})?$/i;

function trustProxy(env: NodeJS.ProcessEnv): string | number {
  const raw = (env.TRUST_PROXY ?? '').trim() || 'loopback';
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const items = raw.split(',').map((s) => s.trim());
  if (items.every((item) => PROXY_KEYWORDS.includes(item) || PROXY_ADDRESS.test(item))) return items.join(', ');
  throw new ConfigError(`TRUST_PROXY must be loopback, linklocal, uniquelocal, addresses or subnets (e.g. 10.0.0.0/8), comma separated, or a number of hops; got "${raw}"`);
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
    map: Object.freeze(mapConfig(env)),
    secureCookies: bool(env, 'COOKIE_SECURE', false),
    trustProxy: trustProxy(env),
    visitOpensAt: time(env, 'LOOKBACK_VISIT_OPENS_AT', '06:00'),
    visitReadableDays: int(env, 'LOOKBACK_VISIT_READABLE_DAYS', 3, 1, 60),
    scheduler: Object.freeze({ enabled: bool(env, 'LOOKBACK_SCHEDULER', true), tickSeconds: int(env, 'LOOKBACK_SCHEDULER_TICK_SECONDS', 60, 1, 86_400) }),
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
