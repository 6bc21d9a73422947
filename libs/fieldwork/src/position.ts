/**
 * Position checks: flag, never block. A fix far from the household's roster coordinates, or a
 * poor fix, is shown to the planner; the record is accepted either way (roster coordinates are
 * often wrong, and phones indoors report poor accuracy).
 */
import { haversineMeters, type LatLng } from '@lookback/routing';

export type PositionFlag = 'far' | 'poor-accuracy' | 'no-expected';

export interface PositionThresholds {
  /** Farther than this from the expected point (metres) is 'far'. */
  farMeters?: number;
  /** An accuracy radius above this (metres) is 'poor-accuracy'. */
  poorAccuracyMeters?: number;
}

export const DEFAULT_FAR_METERS = 500;
export const DEFAULT_POOR_ACCURACY_METERS = 100;

/** Flags for a recorded fix against the expected point (null when the roster has no coordinates). */
export function positionFlags(
  recorded: LatLng & { accuracy: number },
  expected: LatLng | null,
  { farMeters = DEFAULT_FAR_METERS, poorAccuracyMeters = DEFAULT_POOR_ACCURACY_METERS }: PositionThresholds = {},
): PositionFlag[] {
  const flags: PositionFlag[] = [];
  if (expected === null) flags.push('no-expected');
  else if (haversineMeters(recorded, expected) > farMeters) flags.push('far');
  if (!Number.isFinite(recorded.accuracy) || recorded.accuracy > poorAccuracyMeters) flags.push('poor-accuracy');
  return flags;
}

/** Labels shown beside a flagged record. */
export const POSITION_FLAG_LABELS: Readonly<Record<PositionFlag, string>> = {
  far: '定位距农户坐标较远',
  'poor-accuracy': '定位精度差',
  'no-expected': '农户无坐标，无法比对',
};
