/**
 * What the phone keeps for a day of field work (IndexedDB, see db.ts) and the API's answers it
 * relies on (typed in @lookback/fieldwork, which also holds the rules).
 */
import type { FieldPacketDto, PhotoMeta, StopRecord, Substitution, SyncResultDto } from '@lookback/fieldwork';
import type { QuizAnswer, QuizResult } from '@lookback/quiz';

/** GET …/packet and POST …/sync, as the API types them. */
export type FieldPacket = FieldPacketDto;
export type SyncResult = SyncResultDto;

/** `${planId}/${date}`: one team-day on this phone. */
export type DayKey = string;
export const dayKey = (planId: string, date: string): DayKey => `${planId}/${date}`;

/** A downloaded day: the packet and what happened to the day on this phone. */
export interface StoredDay {
  dayKey: DayKey;
  planId: string;
  date: string;
  packet: FieldPacket;
  /** ISO time of the download. */
  downloadedAt: string;
  /** Signed off on this phone (or on the server at download); the day is read-only. */
  signedOff: boolean;
  signedNames: string[];
  /** Why the server refused the sign-off (the day was opened again on the phone). */
  signOffError: string | null;
}

export interface StoredRecord {
  clientId: string;
  dayKey: DayKey;
  record: StopRecord;
  /** The server has acknowledged this revision. */
  synced: boolean;
}

export interface StoredSubstitution {
  clientId: string;
  dayKey: DayKey;
  sub: Substitution;
  synced: boolean;
}

export interface StoredPhoto {
  clientId: string;
  dayKey: DayKey;
  stopClientId: string;
  contentType: string;
  /** The resized JPEG (ArrayBuffer: stored and uploaded as is; its SHA-256 is meta.sha256). */
  bytes: ArrayBuffer;
  meta: PhotoMeta;
  synced: boolean;
}

export interface StoredQuiz {
  /** `${dayKey}/${cadreNo}` */
  key: string;
  dayKey: DayKey;
  cadreNo: string;
  clientId: string;
  answers: Record<string, QuizAnswer>;
  submittedAt: string;
  /** Graded by the API (the phone never holds the answers). */
  result: QuizResult | null;
  error: string | null;
}

/** Something the server said that the inspector should see (conflicts kept, refusals). */
export interface FieldEvent {
  id?: number;
  dayKey: DayKey;
  at: string;
  kind: 'conflict' | 'rejected' | 'error';
  message: string;
}
