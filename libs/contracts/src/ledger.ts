/**
 * The rectification ledger (整改台账): statuses, labels, the overdue rule and the DTOs shared by the
 * API and the web app. Dates are China-time calendar days (YYYY-MM-DD).
 */
import { addDays } from './china-time.js';

export const LEDGER_STATUSES = ['pending', 'in-progress', 'awaiting-review', 'closed'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export const LEDGER_STATUS_LABELS: Readonly<Record<LedgerStatus, string>> = {
  pending: '待整改',
  'in-progress': '整改中',
  'awaiting-review': '已整改待核验',
  closed: '已销号',
};

export const LEDGER_NATURES = ['共性问题', '个性问题'] as const;
export type LedgerNature = (typeof LEDGER_NATURES)[number];

/** How many days before the deadline an open item counts as 即将到期. */
export const DUE_SOON_DAYS = 3;

/**
 * 逾期: the deadline has passed (today, China time, is after it) and the item is not closed.
 * An item without a deadline (长期坚持) is never overdue. On the deadline day itself it is not yet.
 */
export function isOverdue(item: { deadline: string | null; status: LedgerStatus }, today: string): boolean {
  return item.deadline !== null && item.status !== 'closed' && item.deadline < today;
}

/** Open, not overdue, and due within DUE_SOON_DAYS days (the deadline day included). */
export function isDueSoon(item: { deadline: string | null; status: LedgerStatus }, today: string): boolean {
  return item.deadline !== null && item.status !== 'closed' && item.deadline >= today && item.deadline <= addDays(today, DUE_SOON_DAYS);
}

/**
 * Default 完成时限 per 问题类型, in days from the day the items are generated; null = 长期坚持.
 * 襄城 (003) asks for 立行立改 and clearing by month's end; identification of monitoring households
 * within 15 days and system entry within 10 days; structural work (projects, industry) takes longer.
 */
export const DEFAULT_DEADLINE_DAYS: Readonly<Record<string, number | null>> = {
  住房安全: 30,
  饮水安全: 15,
  教育帮扶: 15,
  健康帮扶: 15,
  综合保障: 15,
  就业帮扶: 30,
  产业帮扶: 60,
  金融帮扶: 30,
  资金项目: 60,
  监测帮扶: 15,
  档卡资料: 10,
  信访舆情: 15,
  帮扶责任: null,
  乡村建设: 60,
};

/** What the web app and other callers get for one item. */
export interface LedgerItemDto {
  id: string;
  seq: number;
  planId: string | null;
  planName: string | null;
  townCode: string;
  townName: string;
  villageCode: string | null;
  villageName: string | null;
  problemType: string;
  severity: string | null;
  nature: LedgerNature;
  description: string;
  measures: string;
  /** null = 长期坚持 */
  deadline: string | null;
  responsibleUnit: string;
  responsiblePerson: string;
  status: LedgerStatus;
  progressNote: string;
  completedOn: string | null;
  /** Derived: deadline < today (China time) and not closed. */
  overdue: boolean;
  dueSoon: boolean;
  source: 'findings' | 'manual';
  issued: boolean;
  issuedAt: string | null;
  submittedBy: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  findings: number;
  evidence: number;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerEventDto {
  id: number;
  at: string;
  actor: string | null;
  kind: 'created' | 'edited' | 'issued' | 'transition' | 'evidence' | 'evidence-removed' | 'due-soon' | 'overdue';
  fromStatus: LedgerStatus | null;
  toStatus: LedgerStatus | null;
  note: string;
}

export interface LedgerEvidenceDto {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  /** The caller may remove it: their own upload, not yet submitted for review, on an item still being rectified. */
  removable: boolean;
}

export interface LedgerFindingDto {
  stopClientId: string;
  answerItemId: string;
  villageCode: string;
  stopKind: string;
  stopCode: string;
  /** The checklist item's text (排查项目). */
  check: string;
  description: string;
  problemType: string;
  severity: string;
}

export interface LedgerItemDetailDto extends LedgerItemDto {
  events: LedgerEventDto[];
  evidenceFiles: LedgerEvidenceDto[];
  findingList: LedgerFindingDto[];
  /** What the caller may do now. */
  actions: LedgerAction[];
}

export type LedgerAction = 'edit' | 'issue' | 'start' | 'submit' | 'close' | 'send-back' | 'upload' | 'note';

export interface LedgerListDto {
  items: LedgerItemDto[];
  /** Today in China time, as the server counted overdue items. */
  today: string;
  counts: Record<LedgerStatus | 'overdue', number>;
}

/** A plan's findings for the planner: each, and the ledger item it already belongs to. */
export interface PlanFindingDto extends LedgerFindingDto {
  key: string;
  townCode: string;
  itemId: string | null;
  itemSeq: number | null;
}

export interface GenerateLedgerResultDto {
  created: number;
  /** Findings already in an item (generating again adds nothing for them). */
  skipped: number;
  items: LedgerItemDto[];
}

export interface NotificationDto {
  id: number;
  kind: string;
  text: string;
  itemId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationListDto {
  unread: number;
  notifications: NotificationDto[];
}
