/**
 * Village completeness: a village is done (完成) when every stop of its draw is complete or, for a
 * household, substituted — and every replacement household taken is itself complete or substituted.
 */
import type { VillageDraw } from '@lookback/sampling';
import { UNVISITED_STATUSES, type StopKind, type StopRecord } from './record.js';
import type { Substitution } from './substitution.js';

export interface ExpectedStop {
  stopKind: StopKind;
  stopCode: string;
}

/** Which non-drawn stops a village has; all default to true. */
export interface VillageStopOptions {
  /** 村级问题排查 (stopCode = 村代码) */
  village?: boolean;
  /** 查阅资料 (stopCode = 村代码) */
  documents?: boolean;
  /** 干部访谈, one stop per interviewee of the draw (stopCode = 干部编号) */
  interviews?: boolean;
}

/**
 * The stops of a village: drawn households, then replacements in the order they were taken, drawn
 * projects, drawn assets, interviewees, the village checklist and the document review.
 */
export function villageStops(villageDraw: VillageDraw, substitutions: readonly Substitution[], options: VillageStopOptions = {}): ExpectedStop[] {
  const stops: ExpectedStop[] = villageDraw.sample.map((h) => ({ stopKind: 'household', stopCode: h.householdNo }));
  for (const sub of ofVillage(substitutions, villageDraw.villageCode)) stops.push({ stopKind: 'household', stopCode: sub.replacementHouseholdNo });
  for (const p of villageDraw.projects.sample) stops.push({ stopKind: 'project', stopCode: p.code });
  for (const a of villageDraw.assets.sample) stops.push({ stopKind: 'asset', stopCode: a.code });
  if (options.interviews ?? true) for (const i of villageDraw.interviewees) stops.push({ stopKind: 'interview', stopCode: i.cadreNo });
  if (options.village ?? true) stops.push({ stopKind: 'village', stopCode: villageDraw.villageCode });
  if (options.documents ?? true) stops.push({ stopKind: 'documents', stopCode: villageDraw.villageCode });
  return stops;
}

export interface VillageProgress {
  /** All stops, replacements included. */
  total: number;
  /** Stops with a record marked complete. */
  complete: number;
  /** Households replaced by a reserve. */
  substituted: number;
  /** Interviewees recorded as absent/refused: nobody to substitute, so they do not hold the village open. */
  unavailable: number;
  /** Open stops with a record stored already (begun on a phone, not marked complete). */
  inProgress: number;
  /** Stops still open, as '<stopKind>:<stopCode>' in villageStops order. */
  pending: string[];
  done: boolean;
}

/**
 * How far a village's field work is. `records` and `substitutions` are those of the plan (other
 * villages are ignored); duplicate records of a stop count as complete if any one is.
 */
export function villageProgress(
  villageDraw: VillageDraw,
  records: readonly StopRecord[],
  substitutions: readonly Substitution[],
  options: VillageStopOptions = {},
): VillageProgress {
  const subs = ofVillage(substitutions, villageDraw.villageCode);
  const replaced = new Set(subs.map((s) => s.absentHouseholdNo));
  const statuses = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.villageCode !== villageDraw.villageCode) continue;
    const key = `${r.stopKind}:${r.stopCode}`;
    const set = statuses.get(key) ?? new Set<string>();
    set.add(r.status);
    statuses.set(key, set);
  }
  const stops = villageStops(villageDraw, subs, options);
  let complete = 0;
  let substituted = 0;
  let unavailable = 0;
  let inProgress = 0;
  const pending: string[] = [];
  for (const stop of stops) {
    const key = `${stop.stopKind}:${stop.stopCode}`;
    const seen = statuses.get(key);
    if (seen?.has('complete')) complete++;
    else if (stop.stopKind === 'household' && replaced.has(stop.stopCode)) substituted++;
    else if (stop.stopKind === 'interview' && UNVISITED_STATUSES.some((s) => seen?.has(s))) unavailable++;
    else {
      pending.push(key);
      if (seen) inProgress++;
    }
  }
  return { total: stops.length, complete, substituted, unavailable, inProgress, pending, done: pending.length === 0 };
}

function ofVillage(substitutions: readonly Substitution[], villageCode: string): Substitution[] {
  return substitutions.filter((s) => s.villageCode === villageCode);
}
