import { formatPercent } from '../format.js';

export function ProgressBar({ value, label, testId }: { value: number; label: string; testId: string }) {
  const percent = formatPercent(value);
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label}</span>
        <span>{percent}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(1, Math.max(0, value)) * 100)}
      >
        <div className="progress-fill" style={{ width: percent }} />
      </div>
    </div>
  );
}
