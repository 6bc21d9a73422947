/**
 * Display formatting shared by every screen. Pure: no DOM, so it is unit-tested in Node.
 */
import type { HouseholdCounts, ImportJobDto, ImportKind } from '@lookback/contracts';

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 12345 -> "12,345"; missing values show as a dash rather than "NaN" or "0". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return integer.format(value);
}

/** 资金规模 in 万元, up to two decimals. */
export function formatWan(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${decimal.format(value)} 万元`;
}

/** 0.456 -> "46%"; clamps so a progress report slightly out of range never shows "104%". */
export function formatPercent(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return `${Math.round(clamped * 100)}%`;
}

/** A SHA-256 hex digest shortened for display: the first 12 characters are enough to tell snapshots apart by eye. */
export function shortHash(hash: string | null | undefined, length = 12): string {
  if (!hash) return '—';
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** ISO time -> "2024-03-05 14:07" in the viewer's local time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 12345678 bytes -> "11.8 MB" */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Household categories in the order the users list them (户类型 first, then the 重点户 flags). */
export const HOUSEHOLD_CATEGORY_LABELS: ReadonlyArray<readonly [keyof HouseholdCounts, string]> = [
  ['total', '总户数'],
  ['tuopin', '脱贫户'],
  ['monitored', '监测户'],
  ['ordinary', '一般农户'],
  ['dibao', '低保户'],
  ['tekun', '特困户'],
  ['severeDisability', '重度残疾户'],
  ['seriousIllness', '大病重病户'],
  ['elderlyAlone', '独居高龄老人户'],
];

/** 数据导入 kinds, as the users name the files they hold. */
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  villages: '行政村',
  households: '农户花名册',
  projects: '衔接资金项目',
  assets: '项目资产',
  cadres: '村干部及帮扶人员',
};

export const IMPORT_STATUS_LABELS: Record<ImportJobDto['status'], string> = {
  queued: '排队等待',
  parsing: '正在解析文件',
  validating: '正在校验数据',
  loading: '正在写入数据库',
  done: '导入完成',
  failed: '导入失败',
};

/** Import jobs stop changing once they reach one of these. */
export function isFinished(status: ImportJobDto['status']): boolean {
  return status === 'done' || status === 'failed';
}

/**
 * A lead-in before "：", without doubling the punctuation when the text already ends a sentence
 * ("…账实相符。" stays as it is; "入户核查" becomes "入户核查：").
 */
export function leadIn(text: string): string {
  const trimmed = text.trimEnd();
  return /[。！？；：.!?;:]$/.test(trimmed) ? trimmed : `${trimmed}：`;
}

/** 访问日志 actions as the API records them; unknown ones are shown as recorded. */
export const ACCESS_ACTION_LABELS: Record<string, string> = {
  read: '查看',
  create: '创建',
  redraw: '重新抽样',
  seal: '封存',
  reveal: '公开种子',
  complete: '结束方案',
  export: '导出',
  login: '登录',
  logout: '退出',
  update: '修改',
  quiz: '提交',
  'sign-off': '签字确认',
  reopen: '重新开放',
};

export const ACCESS_TARGET_LABELS: Record<string, string> = {
  plan: '督查方案',
  'plan-draw-record': '抽样记录',
  'plan-roster': '抽样名单',
  'plan-day': '当日路线',
  'village-households': '农户花名册',
  'plan-report': '督查报告',
  'plan-quiz': '知识测试答卷',
  'plan-household-ledger': '入户排查台账',
  ledger: '整改台账',
  'roster-snapshot': '名单快照',
  session: '登录会话',
};

export function accessActionLabel(action: string): string {
  return ACCESS_ACTION_LABELS[action] ?? action;
}

export function accessTargetLabel(targetType: string): string {
  return ACCESS_TARGET_LABELS[targetType] ?? targetType;
}
