/**
 * The day as the phone sees it, computed from IndexedDB only: the stops of each village (route
 * order, with replacement households fitted in at their cheapest place), each stop's state, and
 * each village's progress. Every rule is @lookback/fieldwork's or @lookback/routing's.
 */
import type { RouteItemDto } from '@lookback/contracts';
import {
  type ChecklistTemplate,
  type StopKind,
  type StopRecord,
  type StopStatus,
  type Substitution,
  type VillageProgress,
  villageProgress,
  villageStops,
} from '@lookback/fieldwork';
import { distanceMatrix, insertCheapest } from '@lookback/routing';
import { STRATUM_LABELS } from '@lookback/sampling';
import type { FieldPacket } from './types.js';

/** The same stops the API expects of a village (FieldworkService.STOP_OPTIONS). */
export const STOP_OPTIONS = { village: true, documents: true, interviews: true } as const;

export const STOP_KIND_NAMES: Readonly<Record<StopKind, string>> = {
  household: '入户调查',
  project: '项目核查',
  asset: '资产核查',
  village: '村级排查',
  documents: '查阅资料',
  interview: '干部访谈',
};

export type StopState = 'todo' | 'in-progress' | 'complete' | 'substituted' | 'unavailable';

export const STOP_STATE_LABELS: Readonly<Record<StopState, string>> = {
  todo: '未开始',
  'in-progress': '进行中',
  complete: '已完成',
  substituted: '已替换',
  unavailable: '未能访谈',
};

export interface FieldStop {
  villageCode: string;
  stopKind: StopKind;
  stopCode: string;
  label: string;
  detail: string;
  lat: number | null;
  lng: number | null;
  /** A reserve household taken in place of an absent one. */
  replacementFor: string | null;
  state: StopState;
  record: StopRecord | null;
}

export interface FieldVillage {
  villageCode: string;
  villageName: string;
  townName: string;
  seq: number;
  stops: FieldStop[];
  progress: VillageProgress;
}

export const stopKey = (s: Pick<FieldStop, 'villageCode' | 'stopKind' | 'stopCode'>) => `${s.villageCode}/${s.stopKind}/${s.stopCode}`;

/** The phone's record of a stop (its own or one the packet brought); null when none yet. */
export function recordOf(records: readonly StopRecord[], villageCode: string, stopKind: StopKind, stopCode: string): StopRecord | null {
  return records.find((r) => r.villageCode === villageCode && r.stopKind === stopKind && r.stopCode === stopCode) ?? null;
}

function stateOf(stopKind: StopKind, stopCode: string, record: StopRecord | null, replaced: ReadonlySet<string>): StopState {
  if (stopKind === 'household' && replaced.has(stopCode)) return 'substituted';
  if (!record) return 'todo';
  const status: StopStatus = record.status;
  if (status === 'complete') return 'complete';
  if (stopKind === 'interview' && (status === 'absent' || status === 'moved' || status === 'refused')) return 'unavailable';
  return 'in-progress';
}

/**
 * Route items of a village with the replacement households inserted, each at the place that
 * lengthens the walk least (insertCheapest over great-circle distances, village centre first).
 */
export function itemsWithReplacements(
  village: { lat: number; lng: number; items: RouteItemDto[] },
  substitutions: readonly Substitution[],
  expectedPositions: Record<string, { lat: number; lng: number }>,
): (RouteItemDto & { replacementFor: string | null })[] {
  let items: (RouteItemDto & { replacementFor: string | null })[] = village.items.map((i) => ({ ...i, replacementFor: null }));
  for (const sub of substitutions) {
    if (items.some((i) => i.kind === 'household' && i.code === sub.replacementHouseholdNo)) continue;
    const at = expectedPositions[sub.replacementHouseholdNo];
    const added = {
      kind: 'household' as const,
      code: sub.replacementHouseholdNo,
      label: `替补户 ${sub.replacementHouseholdNo.slice(-4)}`,
      detail: STRATUM_LABELS[sub.stratum] ?? sub.stratum,
      lat: at?.lat ?? village.lat,
      lng: at?.lng ?? village.lng,
      approximate: !at,
      legMeters: 0,
      replacementFor: sub.absentHouseholdNo,
    };
    const points = [{ lat: village.lat, lng: village.lng }, ...items.map((i) => ({ lat: i.lat, lng: i.lng })), { lat: added.lat, lng: added.lng }];
    const order = items.map((_, i) => i + 1);
    const { order: next } = insertCheapest([0, ...order], distanceMatrix(points), points.length - 1, { closed: false });
    const all = [...items, added];
    items = next.slice(1).map((index) => all[index - 1]);
  }
  return items;
}

export function fieldVillages(packet: FieldPacket, records: readonly StopRecord[], substitutions: readonly Substitution[]): FieldVillage[] {
  return packet.route.villages.map((routeVillage) => {
    const pv = packet.villages.find((v) => v.villageCode === routeVillage.villageCode);
    const subs = substitutions.filter((s) => s.villageCode === routeVillage.villageCode);
    const replaced = new Set(subs.map((s) => s.absentHouseholdNo));
    const mk = (stopKind: StopKind, stopCode: string, label: string, detail: string, lat: number | null, lng: number | null, replacementFor: string | null = null): FieldStop => {
      const record = recordOf(records, routeVillage.villageCode, stopKind, stopCode);
      return { villageCode: routeVillage.villageCode, stopKind, stopCode, label, detail, lat, lng, replacementFor, record, state: stateOf(stopKind, stopCode, record, replaced) };
    };
    const stops: FieldStop[] = itemsWithReplacements(routeVillage, subs, pv?.expectedPositions ?? {}).map((item) =>
      mk(item.kind, item.code, item.label, item.detail, item.lat, item.lng, item.replacementFor),
    );
    if (pv) {
      // The stops the API expects beyond the route's items: interviews, the village checklist, documents.
      for (const expected of villageStops(pv.draw, subs, STOP_OPTIONS)) {
        if (stops.some((s) => s.stopKind === expected.stopKind && s.stopCode === expected.stopCode)) continue;
        if (expected.stopKind === 'interview') {
          const who = pv.draw.interviewees.find((i) => i.cadreNo === expected.stopCode);
          stops.push(mk('interview', expected.stopCode, `${who?.role ?? '村干部'} ${expected.stopCode.slice(-4)}`, who?.basis === 'required' ? '必访' : '随机抽取', null, null));
        } else if (expected.stopKind === 'village') stops.push(mk('village', expected.stopCode, routeVillage.villageName, '村级问题排查', routeVillage.lat, routeVillage.lng));
        else if (expected.stopKind === 'documents') stops.push(mk('documents', expected.stopCode, routeVillage.villageName, '查阅资料', routeVillage.lat, routeVillage.lng));
        else stops.push(mk(expected.stopKind, expected.stopCode, expected.stopCode, STOP_KIND_NAMES[expected.stopKind], null, null));
      }
    }
    const progress = pv
      ? villageProgress(pv.draw, records, substitutions, STOP_OPTIONS)
      : { total: stops.length, complete: 0, substituted: 0, unavailable: 0, inProgress: 0, pending: stops.map((s) => `${s.stopKind}:${s.stopCode}`), done: false };
    return { villageCode: routeVillage.villageCode, villageName: routeVillage.villageName, townName: routeVillage.townName, seq: routeVillage.seq, stops, progress };
  });
}

/** The template a stop is filled against: the one its record names, else the first of its kind in the packet. */
export function templateFor(templates: readonly ChecklistTemplate[], stopKind: StopKind, record: StopRecord | null): ChecklistTemplate | null {
  if (record) {
    const named = templates.find((t) => t.id === record.templateId && t.version === record.templateVersion);
    if (named) return named;
  }
  return templates.find((t) => t.kind === stopKind) ?? null;
}
