import { LEDGER_STATUS_LABELS, type LedgerItemDto } from '@lookback/contracts';
import { PROBLEM_TYPES } from '@lookback/fieldwork';

export const PROBLEM_TYPE_OPTIONS: readonly string[] = PROBLEM_TYPES;

export function deadlineText(deadline: string | null): string {
  return deadline ?? '长期坚持';
}

/** 待整改 / 整改中 / 已整改待核验 / 已销号, and 逾期 or 即将到期 beside it. */
export function StatusBadge({ item }: { item: Pick<LedgerItemDto, 'status' | 'overdue' | 'dueSoon'> }) {
  return (
    <>
      <span className={`ledger-status ledger-status-${item.status}`} data-testid="ledger-status">
        {LEDGER_STATUS_LABELS[item.status]}
      </span>
      {item.overdue && (
        <span className="ledger-status ledger-overdue" data-testid="ledger-overdue">
          逾期
        </span>
      )}
      {!item.overdue && item.dueSoon && <span className="ledger-status ledger-due-soon">即将到期</span>}
    </>
  );
}
