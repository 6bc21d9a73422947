/** Pure helpers of the 排队 screens: change arrows, score colours, the interval bar's geometry. */

export interface ChangeMark {
  symbol: '▲' | '▼' | '—' | '新';
  className: 'up' | 'down' | 'same' | 'new';
  title: string;
}

/** change = last week's rank − this week's: positive moved up (▲). null: not ranked last week. */
export function changeMark(change: number | null): ChangeMark {
  if (change === null) return { symbol: '新', className: 'new', title: '上周未参加排队' };
  if (change > 0) return { symbol: '▲', className: 'up', title: `比上周上升 ${change} 位` };
  if (change < 0) return { symbol: '▼', className: 'down', title: `比上周下降 ${-change} 位` };
  return { symbol: '—', className: 'same', title: '名次与上周相同' };
}

/** Score bands for the map and the legend (green is good). */
export const SCORE_BANDS: readonly { min: number; color: string; label: string }[] = [
  { min: 90, color: '#1e8449', label: '90 分及以上' },
  { min: 80, color: '#7dcea0', label: '80–90 分' },
  { min: 70, color: '#f5b041', label: '70–80 分' },
  { min: 0, color: '#c0392b', label: '70 分以下' },
];

export function scoreColor(score: number): string {
  for (const band of SCORE_BANDS) if (score >= band.min) return band.color;
  return SCORE_BANDS[SCORE_BANDS.length - 1].color;
}

/** The scale every bar of one table shares: the rows' lowest and highest interval ends, a little padded. */
export function barScale(intervals: readonly (readonly [number, number])[]): [number, number] {
  if (intervals.length === 0) return [0, 100];
  let lo = Math.min(...intervals.map((i) => i[0]));
  let hi = Math.max(...intervals.map((i) => i[1]));
  if (hi - lo < 1) {
    lo -= 0.5;
    hi += 0.5;
  }
  const pad = (hi - lo) * 0.05;
  return [Math.max(0, lo - pad), Math.min(100, hi + pad)];
}

/** Left and width of the interval and the position of the score, in percent of the bar. */
export function barGeometry(interval: readonly [number, number], score: number, scale: readonly [number, number]): { left: number; width: number; mark: number } {
  const span = scale[1] - scale[0] || 1;
  const at = (x: number) => Math.min(100, Math.max(0, ((x - scale[0]) / span) * 100));
  const left = at(interval[0]);
  return { left, width: Math.max(0.5, at(interval[1]) - left), mark: at(score) };
}

export const fmtScore = (x: number) => x.toFixed(1);
export const fmtShare = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The 并列 badge says with which ranks: "与第 4 名并列", "与第 3–7 名并列". */
export function tieLabel(tiedRanks: number[]): string {
  if (tiedRanks.length === 0) return '并列';
  const lo = Math.min(...tiedRanks);
  const hi = Math.max(...tiedRanks);
  return lo === hi ? `与第 ${lo} 名并列` : `与第 ${lo}–${hi} 名并列`;
}
