import { describe, expect, it } from 'vitest';
import { importFileProblem, jobProgress, sortProblems } from './imports.js';

describe('import screen rules', () => {
  it('accepts CSV and XLSX whatever the letter case', () => {
    expect(importFileProblem('花名册.csv')).toBeNull();
    expect(importFileProblem('花名册.XLSX')).toBeNull();
  });

  it('asks to re-save old .xls files as .xlsx and refuses other files', () => {
    expect(importFileProblem('花名册.xls')).toContain('.xlsx');
    expect(importFileProblem('照片.jpg')).toBe('请选择 CSV 或 XLSX 文件');
  });

  it('lists file-level problems first, then by row, keeping the file column order within a row', () => {
    const sorted = sortProblems([
      { row: 12, column: '户编号', message: 'b' },
      { row: 3, column: '人口数', message: 'c' },
      { row: null, column: null, message: '缺少列：户主姓名' },
      { row: 3, column: '户编号', message: 'd' },
    ]);
    expect(sorted.map((p) => p.message)).toEqual(['缺少列：户主姓名', 'c', 'd', 'b']);
  });

  it('reports a finished job as complete and never above 100%', () => {
    expect(jobProgress({ status: 'done', progress: 0.9, rowsLoaded: 10, rowsTotal: 10 })).toBe(1);
    expect(jobProgress({ status: 'parsing', progress: 1.3, rowsLoaded: 0, rowsTotal: null })).toBe(1);
  });

  it('follows loaded rows while loading when the server progress lags', () => {
    expect(jobProgress({ status: 'loading', progress: 0.5, rowsLoaded: 800, rowsTotal: 1000 })).toBe(0.8);
    expect(jobProgress({ status: 'validating', progress: 0.3, rowsLoaded: 800, rowsTotal: 1000 })).toBe(0.3);
  });
});
