/**
 * Pure rules of the 数据导入 screen.
 */
import type { ImportJobDto, ImportProblem } from '@lookback/contracts';

export const ACCEPTED_EXTENSIONS = ['.csv', '.xlsx'] as const;

/** The API reads CSV (UTF-8 or GBK) and XLSX; old .xls and anything else is refused before uploading. */
export function importFileProblem(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext))) return null;
  if (lower.endsWith('.xls')) return '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再上传';
  return '请选择 CSV 或 XLSX 文件';
}

/**
 * Problems in the order a reader fixes them: file-level problems (no row) first, then by row.
 * Within a row the server's order is kept (it follows the file's columns), so the sort is stable.
 */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** One progress figure for the job: what the server says, or rows loaded so far when it says less. */
export function jobProgress(job: Pick<ImportJobDto, 'status' | 'progress' | 'rowsLoaded' | 'rowsTotal'>): number {
  if (job.status === 'done') return 1;
  const byRows = job.rowsTotal ? job.rowsLoaded / job.rowsTotal : 0;
  const reported = Number.isFinite(job.progress) ? job.progress : 0;
  return Math.min(1, Math.max(0, reported, job.status === 'loading' ? byRows : 0));
}
