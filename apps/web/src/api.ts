/**
 * The one HTTP client of the web app. Every call resolves to typed data or rejects with an ApiError
 * whose message is ready to show.
 */
import type {
  AccessLogEntryDto,
  AssetDto,
  CadreDto,
  DayRouteDto,
  HealthDto,
  HouseholdDto,
  ImportJobDto,
  ImportKind,
  MyDayDto,
  OverviewDto,
  Page,
  PlanDto,
  PlanReportDto,
  ReportSuggestionDto,
  ProjectDto,
  Role,
  SessionUserDto,
  SnapshotDto,
  TeamDto,
  TownDto,
  UserDto,
  VillageDto,
  VisitDto,
  DashboardDto,
  QuizAnalysisDto,
  RankingTableDto,
  RankingWeekDto,
  ScoringSchemeDto,
  SnapshotResultDto,
  TownRankingDto,
  VillageRankingDto,
} from '@lookback/contracts';
import type { ChecklistTemplate } from '@lookback/fieldwork';
import type { DrawRecord, SamplingSettingsInput } from '@lookback/sampling';
import { ApiError, errorFromResponse, NETWORK_FAILURE_MESSAGE } from './errors.js';

/** GET /api/config/map — the base map tiles this installation may use (tileUrl null: offline only). */
export interface MapConfigDto {
  provider?: 'osm' | 'tianditu' | 'amap' | 'custom' | 'none';
  tileUrl: string | null;
  /** 天地图's annotation layer (place names), drawn above the tiles. */
  labelUrl?: string | null;
  attribution: string;
  subdomains?: string | null;
  /** The tiles' datum; coordinates from the API are always WGS84. Absent means WGS84. */
  coordinateSystem?: 'wgs84' | 'gcj02';
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

const LOGIN_PATH = '/api/auth/login';
const unauthorizedListeners = new Set<() => void>();

/**
 * Called whenever any request answers 401 (session missing, expired or ended elsewhere), so the
 * app can show the sign-in screen wherever the user is. Returns the unsubscribe function.
 */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** The sign-in call itself answers 401 for a wrong password: that is a message, not a lost session. */
function failed(path: string, status: number, body: unknown): ApiError {
  if (status === 401 && path !== LOGIN_PATH) for (const listener of unauthorizedListeners) listener();
  return errorFromResponse(status, body);
}

async function request(method: string, path: string, init: { query?: Query; body?: unknown; signal?: AbortSignal; accept?: string }): Promise<{ response: Response; text: string }> {
  let response: Response;
  const headers: Record<string, string> = { Accept: init.accept ?? 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    // The session is an HTTP-only same-origin cookie; 'same-origin' is fetch's default, stated for the reader.
    response = await fetch(buildUrl(path, init.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(NETWORK_FAILURE_MESSAGE, 0, 'NETWORK');
  }
  const text = await response.text();
  if (!response.ok) throw failed(path, response.status, parseJson(text));
  return { response, text };
}

export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const { response, text } = await request('GET', path, { query, signal });
  const body = parseJson(text);
  if (body === undefined || body === null) throw new ApiError('服务器返回了无法识别的数据', response.status, 'BAD_RESPONSE');
  return body as T;
}

/** POST/PATCH/PUT/DELETE with a JSON body; `null` for answers without one (204). */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown = {}): Promise<T> {
  const { response, text } = await request(method, path, { body });
  const parsed = parseJson(text);
  if (parsed === undefined) throw new ApiError('服务器返回了无法识别的数据', response.status, 'BAD_RESPONSE');
  return parsed as T;
}

/** A file upload as multipart form data (field `file`), answered with JSON. */
export async function sendForm<T>(method: 'POST' | 'PUT', path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, { method, credentials: 'same-origin', headers: { Accept: 'application/json' }, body: form });
  } catch {
    throw new ApiError(NETWORK_FAILURE_MESSAGE, 0, 'NETWORK');
  }
  const body = parseJson(await response.text());
  if (!response.ok) throw failed(path, response.status, body);
  if (body === undefined || body === null) throw new ApiError('服务器返回了无法识别的数据', response.status, 'BAD_RESPONSE');
  return body as T;
}

/** A file the API serves for download (draw record, roster), as bytes for the in-browser verifier. */
async function getBytes(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(NETWORK_FAILURE_MESSAGE, 0, 'NETWORK');
  }
  if (!response.ok) throw failed(path, response.status, parseJson(await response.text()));
  return new Uint8Array(await response.arrayBuffer());
}

/** POST /api/auth/login answer. */
export interface LoginResultDto {
  token: string;
  expiresAt: string;
  user: SessionUserDto;
}

/** POST /api/plans and POST /api/plans/:id/redraw bodies (apps/api/src/plans/dto.ts). */
export interface DrawOptionsBody {
  villages?: string[];
  perTown?: number;
  towns?: string[];
  seed?: string;
  settings?: SamplingSettingsInput;
}

export interface CreatePlanBody extends DrawOptionsBody {
  name: string;
}

export interface PlanWithDraw {
  plan: PlanDto;
  draw: DrawRecord;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: Role;
  scopeTowns: string[] | null;
  password: string;
}

export interface UpdateUserBody {
  displayName?: string;
  role?: Role;
  scopeTowns?: string[] | null;
  disabled?: boolean;
  password?: string;
}

const planPath = (id: string, rest = '') => `/api/plans/${encodeURIComponent(id)}${rest}`;

/** POST /api/plans/:id/teams body (apps/api/src/teams/dto.ts). */
export interface CreateTeamBody {
  name: string;
  startLabel: string;
  startLat: number;
  startLng: number;
  /** Usernames of inspector accounts. */
  members: string[];
  homeTowns?: string[];
}

const dayPath = (planId: string, date: string) => `/api/my/days/${encodeURIComponent(planId)}/${encodeURIComponent(date)}`;

export const planFiles = {
  drawRecord: (id: string) => planPath(id, '/draw-record.json'),
  roster: (id: string) => planPath(id, '/roster.csv'),
  report: (id: string) => planPath(id, '/report.docx'),
};

/** A checklist (排查表) template as the API stores it. */
export type ChecklistTemplateDto = ChecklistTemplate;

export interface ChecklistTemplatesDto {
  current: ChecklistTemplateDto[];
  versions: { id: string; version: number; createdAt: string; createdBy: string | null }[];
}

export const api = {
  checklistTemplates: (signal?: AbortSignal) => getJson<ChecklistTemplatesDto>('/api/checklist-templates', undefined, signal),
  uploadChecklistTemplate: (id: string, file: File) => sendForm<ChecklistTemplateDto>('PUT', `/api/checklist-templates/${encodeURIComponent(id)}/xlsx`, file),
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

  login: (username: string, password: string) => sendJson<LoginResultDto>('POST', LOGIN_PATH, { username, password }),
  logout: () => sendJson<null>('POST', '/api/auth/logout'),
  me: (signal?: AbortSignal) => getJson<SessionUserDto>('/api/auth/me', undefined, signal),
  changePassword: (currentPassword: string, newPassword: string) => sendJson<null>('POST', '/api/auth/password', { currentPassword, newPassword }),

  users: (signal?: AbortSignal) => getJson<UserDto[]>('/api/users', undefined, signal),
  createUser: (body: CreateUserBody) => sendJson<UserDto>('POST', '/api/users', body),
  updateUser: (username: string, body: UpdateUserBody) => sendJson<UserDto>('PATCH', `/api/users/${encodeURIComponent(username)}`, body),

  accessLog: (query: { targetType?: string; targetId?: string; limit?: number }, signal?: AbortSignal) =>
    getJson<AccessLogEntryDto[]>('/api/access-log', query, signal),

  plans: (signal?: AbortSignal) => getJson<PlanDto[]>('/api/plans', undefined, signal),
  plan: (id: string, signal?: AbortSignal) => getJson<PlanWithDraw>(planPath(id), undefined, signal),
  createPlan: (body: CreatePlanBody) => sendJson<PlanWithDraw>('POST', '/api/plans', body),
  redrawPlan: (id: string, body: DrawOptionsBody) => sendJson<PlanWithDraw>('POST', planPath(id, '/redraw'), body),
  sealPlan: (id: string) => sendJson<PlanDto>('POST', planPath(id, '/seal')),
  revealPlan: (id: string) => sendJson<PlanDto>('POST', planPath(id, '/reveal')),
  completePlan: (id: string) => sendJson<PlanDto>('POST', planPath(id, '/complete')),
  teams: (id: string, signal?: AbortSignal) => getJson<TeamDto[]>(planPath(id, '/teams'), undefined, signal),
  createTeam: (id: string, body: CreateTeamBody) => sendJson<TeamDto>('POST', planPath(id, '/teams'), body),
  deleteTeam: (id: string, teamId: string) => sendJson<null>('DELETE', planPath(id, `/teams/${encodeURIComponent(teamId)}`), undefined),
  schedule: (id: string, signal?: AbortSignal) => getJson<VisitDto[]>(planPath(id, '/schedule'), undefined, signal),
  setSchedule: (id: string, visits: VisitDto[]) => sendJson<VisitDto[]>('PUT', planPath(id, '/schedule'), { visits }),
  autoSchedule: (id: string, dates: string[]) => sendJson<VisitDto[]>('POST', planPath(id, '/schedule/auto'), { dates }),
  routes: (id: string, signal?: AbortSignal) => getJson<DayRouteDto[]>(planPath(id, '/routes'), undefined, signal),
  myDays: (signal?: AbortSignal) => getJson<MyDayDto[]>('/api/my/days', undefined, signal),
  myDay: (planId: string, date: string, signal?: AbortSignal) => getJson<DayRouteDto>(dayPath(planId, date), undefined, signal),
  drawRecordBytes: (id: string, signal?: AbortSignal) => getBytes(planFiles.drawRecord(id), signal),
  rosterBytes: (id: string, signal?: AbortSignal) => getBytes(planFiles.roster(id), signal),
  // 督查报告 (apps/api/src/reports)
  planReport: (id: string, signal?: AbortSignal) => getJson<PlanReportDto>(planPath(id, '/report'), undefined, signal),
  savePlanReportSuggestions: (id: string, suggestions: ReportSuggestionDto[]) => sendJson<PlanReportDto>('PUT', planPath(id, '/report/suggestions'), { suggestions }),
  // 排队, drill-down, quiz analysis, dashboard, scoring schemes (apps/api/src/rankings)
  rankingWeeks: (signal?: AbortSignal) => getJson<RankingWeekDto[]>('/api/rankings/weeks', undefined, signal),
  rankings: (level: 'village' | 'town', week: string | null, signal?: AbortSignal) => getJson<RankingTableDto>('/api/rankings', { level, week: week ?? 'latest' }, signal),
  rankingVillage: (code: string, week: string | null, signal?: AbortSignal) =>
    getJson<VillageRankingDto>(`/api/rankings/villages/${encodeURIComponent(code)}`, { week: week ?? 'latest' }, signal),
  rankingTown: (code: string, week: string | null, signal?: AbortSignal) => getJson<TownRankingDto>(`/api/rankings/towns/${encodeURIComponent(code)}`, { week: week ?? 'latest' }, signal),
  takeRankingSnapshot: () => sendJson<SnapshotResultDto>('POST', '/api/rankings/snapshot'),
  quizAnalysis: (planId: string | null, signal?: AbortSignal) => getJson<QuizAnalysisDto>('/api/quiz-analysis', { planId }, signal),
  dashboard: (signal?: AbortSignal) => getJson<DashboardDto>('/api/dashboard', undefined, signal),
  scoringSchemes: (signal?: AbortSignal) => getJson<ScoringSchemeDto[]>('/api/scoring-schemes', undefined, signal),
  createScoringScheme: (scheme: unknown, note: string) => sendJson<ScoringSchemeDto>('POST', '/api/scoring-schemes', { scheme, note }),
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
        reject(failed(`/api/imports/${kind}`, xhr.status, body));
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
