/**
 * The one HTTP client of the web app. Every call resolves to typed data or rejects with an ApiError
 * whose message is ready to show.
 */
import type {
  AssetDto,
  CadreDto,
  HealthDto,
  HouseholdDto,
  ImportJobDto,
  ImportKind,
  OverviewDto,
  Page,
  ProjectDto,
  SnapshotDto,
  TownDto,
  VillageDto,
} from '@lookback/contracts';
import { ApiError, errorFromResponse, NETWORK_FAILURE_MESSAGE } from './errors.js';

/** GET /api/config/map — the base map tiles this installation may use (null: offline only). */
export interface MapConfigDto {
  tileUrl: string | null;
  attribution: string;
  subdomains?: string | null;
}

type Query = Record<string, string | number | null | undefined>;

export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(NETWORK_FAILURE_MESSAGE, 0, 'NETWORK');
  }
  const body = parseJson(await response.text());
  if (!response.ok) throw errorFromResponse(response.status, body);
  if (body === undefined || body === null) throw new ApiError('服务器返回了无法识别的数据', response.status, 'BAD_RESPONSE');
  return body as T;
}

export const api = {
  overview: (signal?: AbortSignal) => getJson<OverviewDto>('/api/overview', undefined, signal),
  health: (signal?: AbortSignal) => getJson<HealthDto>('/api/health', undefined, signal),
  mapConfig: (signal?: AbortSignal) => getJson<MapConfigDto>('/api/config/map', undefined, signal),
  towns: (signal?: AbortSignal) => getJson<TownDto[]>('/api/towns', undefined, signal),
  villages: (town: string | null, signal?: AbortSignal) => getJson<VillageDto[]>('/api/villages', { town }, signal),
  households: (village: string, query: { page: number; pageSize: number; q?: string }, signal?: AbortSignal) =>
    getJson<Page<HouseholdDto>>(`/api/villages/${encodeURIComponent(village)}/households`, query, signal),
  projects: (query: { year?: number; town?: string; village?: string }, signal?: AbortSignal) =>
    getJson<ProjectDto[]>('/api/projects', query, signal),
  assets: (village: string, signal?: AbortSignal) => getJson<AssetDto[]>('/api/assets', { village }, signal),
  cadres: (village: string, signal?: AbortSignal) => getJson<CadreDto[]>('/api/cadres', { village }, signal),
  snapshots: (signal?: AbortSignal) => getJson<SnapshotDto[]>('/api/snapshots', undefined, signal),
  importJob: (id: string, signal?: AbortSignal) =>
    getJson<ImportJobDto>(`/api/imports/${encodeURIComponent(id)}`, undefined, signal),
};

/**
 * Every household of a village, page by page, for the map (the table pages on its own).
 * Large pages keep a 500-household village to one request; if the API refuses that page size
 * (400), smaller ones are tried before giving up.
 */
export async function allHouseholds(village: string, signal?: AbortSignal, maxPages = 40): Promise<HouseholdDto[]> {
  for (const pageSize of [500, 100, 50]) {
    try {
      return await householdsInPagesOf(village, pageSize, maxPages, signal);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 400) || pageSize === 50) throw error;
    }
  }
  return [];
}

async function householdsInPagesOf(village: string, pageSize: number, maxPages: number, signal?: AbortSignal): Promise<HouseholdDto[]> {
  const items: HouseholdDto[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const result = await api.households(village, { page, pageSize }, signal);
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) break;
  }
  return items;
}

export function templateUrl(kind: ImportKind, format: 'csv' | 'xlsx'): string {
  return `/api/imports/templates/${kind}.${format}`;
}

/**
 * POST /api/imports/:kind with XMLHttpRequest, because fetch cannot report upload progress
 * and county rosters run to tens of megabytes.
 */
export function uploadImport(
  kind: ImportKind,
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<ImportJobDto>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportJobDto>((resolve, reject) => {
    xhr.open('POST', `/api/imports/${encodeURIComponent(kind)}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        onProgress(1);
        resolve(body as ImportJobDto);
      } else if (xhr.status >= 200 && xhr.status < 300) {
        reject(new ApiError('服务器返回了无法识别的数据', xhr.status, 'BAD_RESPONSE'));
      } else {
        reject(errorFromResponse(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new ApiError(NETWORK_FAILURE_MESSAGE, 0, 'NETWORK'));
    xhr.onabort = () => reject(new ApiError('上传已取消', 0, 'ABORTED'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
