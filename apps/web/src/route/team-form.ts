/**
 * The planner's 督查组 form and 走访安排 table, as pure functions: what the planner typed becomes
 * the API's request body, or one message saying what to fix.
 */
import type { VisitDto } from '@lookback/contracts';
import type { CreateTeamBody } from '../api.js';
import type { FormResult } from '../plans.js';

export interface TeamForm {
  name: string;
  startLabel: string;
  startLat: string;
  startLng: string;
  /** Usernames as typed: "inspector1, inspector2" (Chinese commas and 、 too). */
  members: string;
  homeTowns: string[];
}

export function emptyTeamForm(): TeamForm {
  return { name: '', startLabel: '', startLat: '', startLng: '', members: '', homeTowns: [] };
}

/** "inspector1，inspector2、 inspector3" -> three usernames, duplicates and blanks dropped. */
export function parseMembers(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean))];
}

/** A typed coordinate: empty (null), a number within range, or what is wrong with it. */
function coordinate(text: string, name: string, min: number, max: number, example: string): number | null | { message: string } {
  if (!text.trim()) return null;
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return { message: `${name}格式不对（应为数字，如 ${example}）` };
  if (value < min || value > max) return { message: `${name}应在 ${min} 到 ${max} 之间` };
  return value;
}

export function teamRequestFromForm(form: TeamForm): FormResult<CreateTeamBody> {
  const name = form.name.trim();
  if (!name) return { ok: false, message: '请填写组名' };
  const startLabel = form.startLabel.trim();
  if (!startLabel) return { ok: false, message: '请填写出发地点' };
  const startLat = coordinate(form.startLat, '纬度', -90, 90, '33.27');
  const startLng = coordinate(form.startLng, '经度', -180, 180, '113.05');
  if (startLat === null || startLng === null) return { ok: false, message: '请填写出发点的纬度和经度，或在地图上点选' };
  if (typeof startLat === 'object') return { ok: false, message: startLat.message };
  if (typeof startLng === 'object') return { ok: false, message: startLng.message };
  const members = parseMembers(form.members);
  if (members.length === 0) return { ok: false, message: '请填写至少 1 名督查员的用户名' };
  return { ok: true, value: { name, startLabel, startLat, startLng, members, ...(form.homeTowns.length ? { homeTowns: form.homeTowns } : {}) } };
}

/** One row of the hand-edit table: a drawn village and who visits it when ('' = not yet). */
export interface ScheduleRow {
  villageCode: string;
  villageName: string;
  teamId: string;
  visitDate: string;
}

/** Rows with a team and a date become visits; a row with only one of the two is a mistake to point out. */
export function visitsFromRows(rows: readonly ScheduleRow[]): FormResult<VisitDto[]> {
  const half = rows.filter((r) => Boolean(r.teamId) !== Boolean(r.visitDate));
  if (half.length) return { ok: false, message: `请为这些村同时选择督查组和走访日：${half.map((r) => r.villageName).join('、')}` };
  return { ok: true, value: rows.filter((r) => r.teamId && r.visitDate).map(({ villageCode, teamId, visitDate }) => ({ villageCode, teamId, visitDate })) };
}

/** The visit days the planner works with: those already scheduled, plus any added, sorted, once each. */
export function visitDays(scheduled: readonly VisitDto[], added: readonly string[]): string[] {
  return [...new Set([...scheduled.map((v) => v.visitDate), ...added].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
}
