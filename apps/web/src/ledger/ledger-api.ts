/**
 * The ledger's part of the HTTP client (整改台账, notifications). Same error handling as api.ts:
 * every call resolves to typed data or rejects with an ApiError whose message is ready to show.
 */
import type {
  GenerateLedgerResultDto,
  LedgerItemDetailDto,
  LedgerItemDto,
  LedgerListDto,
  LedgerNature,
  LedgerStatus,
  NotificationListDto,
  PlanFindingDto,
} from '@lookback/contracts';
import { buildUrl, getJson, sendForm, sendJson } from '../api.js';

export interface LedgerFilter {
  status?: LedgerStatus | '';
  town?: string;
  overdue?: boolean;
  plan?: string;
}

export type LedgerTransition = 'start' | 'submit' | 'close' | 'send-back';

export interface LedgerItemEdit {
  problemType?: string;
  nature?: LedgerNature;
  description?: string;
  measures?: string;
  deadline?: string | null;
  responsibleUnit?: string;
  responsiblePerson?: string;
  progressNote?: string;
}

export interface NewLedgerItem extends LedgerItemEdit {
  planId?: string;
  townCode: string;
  villageCode?: string;
  problemType: string;
  nature: LedgerNature;
  description: string;
}

const item = (id: string, rest = '') => `/api/ledger/items/${encodeURIComponent(id)}${rest}`;
const plan = (id: string, rest: string) => `/api/plans/${encodeURIComponent(id)}${rest}`;

function query(filter: LedgerFilter): Record<string, string | undefined> {
  return { status: filter.status || undefined, town: filter.town || undefined, overdue: filter.overdue ? 'true' : undefined, plan: filter.plan || undefined };
}

export const ledgerApi = {
  list: (filter: LedgerFilter, signal?: AbortSignal) => getJson<LedgerListDto>('/api/ledger/items', query(filter), signal),
  item: (id: string, signal?: AbortSignal) => getJson<LedgerItemDetailDto>(item(id), undefined, signal),
  create: (body: NewLedgerItem) => sendJson<LedgerItemDto>('POST', '/api/ledger/items', body),
  update: (id: string, body: LedgerItemEdit) => sendJson<LedgerItemDetailDto>('PATCH', item(id), body),
  transition: (id: string, action: LedgerTransition, note?: string) => sendJson<LedgerItemDetailDto>('POST', item(id, `/${action}`), note === undefined ? {} : { note }),
  upload: (id: string, file: File) => sendForm<{ id: string; stored: boolean; sha256: string }>('POST', item(id, '/evidence'), file),
  evidenceUrl: (id: string, evidenceId: string) => item(id, `/evidence/${encodeURIComponent(evidenceId)}`),
  removeEvidence: (id: string, evidenceId: string) => sendJson<LedgerItemDetailDto>('DELETE', item(id, `/evidence/${encodeURIComponent(evidenceId)}`)),
  issue: (ids: string[]) => sendJson<{ issued: number }>('POST', '/api/ledger/issue', { ids }),
  planFindings: (planId: string, signal?: AbortSignal) => getJson<PlanFindingDto[]>(plan(planId, '/ledger/findings'), undefined, signal),
  generate: (planId: string, merge: string[][]) => sendJson<GenerateLedgerResultDto>('POST', plan(planId, '/ledger/generate'), { merge }),
  issuePlan: (planId: string) => sendJson<{ issued: number }>('POST', plan(planId, '/ledger/issue')),
  exportUrl: (layout: 'jianan' | 'xiangcheng', filter: LedgerFilter) => buildUrl(`/api/ledger/export/${layout}.xlsx`, query(filter)),
  householdLedgerUrl: (planId: string) => plan(planId, '/household-ledger.xlsx'),
  notifications: (signal?: AbortSignal) => getJson<NotificationListDto>('/api/notifications', undefined, signal),
  markRead: (id: number) => sendJson<null>('POST', `/api/notifications/${id}/read`),
  markAllRead: () => sendJson<null>('POST', '/api/notifications/read-all'),
};
