import type { HouseholdCounts } from '@lookback/contracts';
import { formatCount, HOUSEHOLD_CATEGORY_LABELS } from '../format.js';

export function StatCard({ label, value, testId }: { label: string; value: number | null | undefined; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-value">{formatCount(value)}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

/** Households by category (a household may count in several, so they need not add up). */
export function HouseholdCountCards({ counts }: { counts: HouseholdCounts }) {
  return (
    <div className="stats" data-testid="household-counts">
      {HOUSEHOLD_CATEGORY_LABELS.map(([key, label]) => (
        <StatCard key={key} label={label} value={counts[key]} testId={`count-${key}`} />
      ))}
    </div>
  );
}
