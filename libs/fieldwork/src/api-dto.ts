/**
 * What the field-work API answers, typed once for the API that writes it and the phone and the
 * planner's screen that read it.
 */
import type { DayRouteDto } from '@lookback/contracts';
import type { FieldQuestion } from '@lookback/quiz';
import type { VillageDraw } from '@lookback/sampling';
import type { Conflict } from './merge.js';
import type { VillageProgress } from './progress.js';
import type { StopKind, StopRecord } from './record.js';
import type { Substitution } from './substitution.js';
import type { ChecklistTemplate } from './template.js';

/** GET /api/my/days/:planId/:date/packet: everything for the day offline. */
export interface FieldPacketDto {
  route: DayRouteDto;
  templates: ChecklistTemplate[];
  villages: {
    villageCode: string;
    draw: VillageDraw;
    quiz: { cadreNo: string; role: string; questions: FieldQuestion[] }[];
    expectedPositions: Record<string, { lat: number; lng: number }>;
  }[];
  records: StopRecord[];
  substitutions: Substitution[];
  signedOff: boolean;
}

/** POST /api/my/days/:planId/:date/sync */
export interface SyncResultDto {
  /** clientIds now stored on the server (send them again and nothing changes). */
  acknowledged: { records: string[]; substitutions: string[] };
  /** Refused, with the reason; the phone keeps them and shows why. */
  rejected: { clientId: string; problems: string[] }[];
  /** Conflicts this batch found (both answers kept; the planner decides). */
  conflicts: number;
}

/** A stored conflict with the stop its record belongs to, for the planner. */
export interface ConflictRowDto {
  clientId: string;
  conflict: Conflict;
  at: string;
  villageCode: string;
  stopKind: StopKind;
  stopCode: string;
}

/** GET /api/plans/:id/fieldwork: the planner's 外业进度. */
export interface FieldProgressDto {
  villages: (VillageProgress & { villageCode: string })[];
  /** receivedBy: display name of the account whose sync stored the substitution (记录人). */
  substitutions: (Substitution & { receivedBy: string | null })[];
  /** Both answers kept; villageCode/stopKind/stopCode name the stop of the record (clientId). */
  conflicts: ConflictRowDto[];
  positionFlags: { clientId: string; stopCode: string; flags: string[] }[];
  photos: number;
  signoffs: { teamId: string; visitDate: string; names: string[]; signedAt: string; reopenedAt: string | null; reopenReason: string | null }[];
}
