/**
 * 外业进度 for the planner: the answer of GET /api/plans/:id/fieldwork (FieldProgressDto of
 * @lookback/fieldwork) grouped by team-day, with the Chinese wording of substitutions and conflicts.
 * Pure functions; the section component renders them.
 */
import type { TeamDto, VisitDto } from '@lookback/contracts';
import {
  ANSWER_LABELS,
  type ChecklistTemplate,
  type Conflict,
  type FieldProgressDto,
  type ItemAnswer,
  STOP_STATUS_LABELS,
  type VillageProgress,
} from '@lookback/fieldwork';
import { STRATUM_LABELS, type VillageDraw } from '@lookback/sampling';

export type FieldProgress = FieldProgressDto;

export interface VillageRow extends VillageProgress {
  villageCode: string;
  villageName: string;
  /** Stops still open (the API's pending list). */
  remaining: number;
  /** Anything recorded there (see villageStarted): 进行中 rather than 未开始 while not done. */
  started: boolean;
}

export type SignoffState =
  | { kind: 'none' }
  | { kind: 'signed'; names: string[]; at: string }
  | { kind: 'reopened'; names: string[]; signedAt: string; at: string; reason: string };

export interface TeamDay {
  /** `${visitDate}|${teamId}`; '' for villages on no team-day. */
  key: string;
  visitDate: string | null;
  teamName: string | null;
  signoff: SignoffState;
  villages: VillageRow[];
}

/**
 * Nothing recorded yet: no stop touched, no substitution, no sign-off. FieldProgressDto has no count
 * of records still in progress; a stored in-progress record shows only through its conflicts or
 * position flags, so those count as a start too.
 */
export function notStarted(progress: FieldProgress): boolean {
  return (
    progress.substitutions.length === 0 &&
    progress.signoffs.length === 0 &&
    progress.conflicts.length === 0 &&
    progress.positionFlags.length === 0 &&
    progress.photos === 0 &&
    progress.villages.every((v) => v.complete === 0 && v.substituted === 0 && v.unavailable === 0 && v.inProgress === 0)
  );
}

/** Whether anything of the village has been recorded: a stop begun, done, substituted or unavailable, or a substitution or conflict there. */
export function villageStarted(village: FieldProgress['villages'][number], progress: FieldProgress): boolean {
  if (village.complete + village.substituted + village.unavailable + village.inProgress > 0) return true;
  return progress.substitutions.some((s) => s.villageCode === village.villageCode) || progress.conflicts.some((c) => c.villageCode === village.villageCode);
}

/**
 * Villages grouped by the team-day that visits them, in date then team-name order; a village the
 * schedule does not place (or places on no known team) comes last, under a group without a date.
 */
export function teamDays(progress: FieldProgress, draws: readonly VillageDraw[], teams: readonly TeamDto[], visits: readonly VisitDto[]): TeamDay[] {
  const names = new Map(draws.map((d) => [d.villageCode, d.villageName]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const rows = new Map(
    progress.villages.map((v): [string, VillageRow] => [
      v.villageCode,
      { ...v, villageName: names.get(v.villageCode) ?? v.villageCode, remaining: v.pending.length, started: villageStarted(v, progress) },
    ]),
  );
  const groups = new Map<string, TeamDay>();
  const placed = new Set<string>();
  const sorted = [...visits].sort((a, b) => a.visitDate.localeCompare(b.visitDate) || (teamNames.get(a.teamId) ?? '').localeCompare(teamNames.get(b.teamId) ?? '', 'zh-CN'));
  for (const visit of sorted) {
    const row = rows.get(visit.villageCode);
    if (!row || !teamNames.has(visit.teamId)) continue;
    const key = `${visit.visitDate}|${visit.teamId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, visitDate: visit.visitDate, teamName: teamNames.get(visit.teamId)!, signoff: signoffOf(progress, visit.teamId, visit.visitDate), villages: [] };
      groups.set(key, group);
    }
    group.villages.push(row);
    placed.add(visit.villageCode);
  }
  const rest = [...rows.values()].filter((r) => !placed.has(r.villageCode));
  const result = [...groups.values()];
  if (rest.length) result.push({ key: '', visitDate: null, teamName: null, signoff: { kind: 'none' }, villages: rest });
  return result;
}

function signoffOf(progress: FieldProgress, teamId: string, visitDate: string): SignoffState {
  const s = progress.signoffs.find((x) => x.teamId === teamId && x.visitDate === visitDate);
  if (!s) return { kind: 'none' };
  if (s.reopenedAt) return { kind: 'reopened', names: s.names, signedAt: s.signedAt, at: s.reopenedAt, reason: s.reopenReason ?? '' };
  return { kind: 'signed', names: s.names, at: s.signedAt };
}

/** A substitution as the planner reads it. */
export function substitutionRow(sub: FieldProgress['substitutions'][number], draws: readonly VillageDraw[]) {
  return {
    clientId: sub.clientId,
    villageName: draws.find((d) => d.villageCode === sub.villageCode)?.villageName ?? sub.villageCode,
    absent: sub.absentHouseholdNo,
    replacement: sub.replacementHouseholdNo,
    stratum: STRATUM_LABELS[sub.stratum] ?? sub.stratum,
    reason: STOP_STATUS_LABELS[sub.reason] ?? sub.reason,
    at: sub.at,
    by: sub.receivedBy ? `${sub.receivedBy}（设备 ${sub.deviceId}）` : `设备 ${sub.deviceId}`,
  };
}

const FIELD_NAMES: Record<string, string> = { $status: '状态', $notes: '备注', $position: '位置' };

/** The checklist item's wording (current templates; ids are stable across versions), or the record field's name. */
export function itemLabel(itemId: string, templates: readonly ChecklistTemplate[]): string {
  if (FIELD_NAMES[itemId]) return FIELD_NAMES[itemId];
  if (itemId.startsWith('$figures.')) return `数据 ${itemId.slice('$figures.'.length)}`;
  for (const t of templates) {
    const item = t.items.find((i) => i.id === itemId);
    if (item) return `${item.order}. ${item.text}`;
  }
  return itemId;
}

/** One side of a conflict in words: the answer (with the problem or note recorded), or the field value. */
export function conflictValue(conflict: Conflict, side: 'kept' | 'other'): string {
  if (conflict.kind === 'answer') {
    const a: ItemAnswer = conflict[side];
    const parts = [ANSWER_LABELS[a.value] ?? String(a.value)];
    if (a.problem) parts.push(`问题：${a.problem.description}（${a.problem.severity}）`);
    if (a.note) parts.push(`说明：${a.note}`);
    return parts.join('；');
  }
  const v = conflict[side];
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'object') return `${v.lat.toFixed(5)}, ${v.lng.toFixed(5)}`;
  if (conflict.itemId === '$status' && typeof v === 'string') return STOP_STATUS_LABELS[v as keyof typeof STOP_STATUS_LABELS] ?? v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/** When each side was written: the answer's stamp, or the field's. */
export function conflictTime(conflict: Conflict, side: 'kept' | 'other'): string | undefined {
  if (conflict.kind === 'answer') return conflict[side].answeredAt;
  return side === 'kept' ? conflict.keptAt : conflict.otherAt;
}
