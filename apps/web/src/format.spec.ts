import { describe, expect, it } from 'vitest';
import { accessActionLabel, accessTargetLabel, formatBytes, formatCount, formatDateTime, formatPercent, formatWan, isFinished, leadIn, shortHash } from './format.js';

describe('display formatting', () => {
  it('groups thousands the way Chinese reports write counts', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('shows a dash instead of NaN or 0 when a count is missing', () => {
    expect(formatCount(undefined)).toBe('—');
    expect(formatCount(null)).toBe('—');
    expect(formatCount(Number.NaN)).toBe('—');
  });

  it('writes project funds in 万元 with at most two decimals', () => {
    expect(formatWan(12.3456)).toBe('12.35 万元');
    expect(formatWan(300)).toBe('300 万元');
  });

  it('clamps progress so a slightly-over report never reads 104%', () => {
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(1.04)).toBe('100%');
    expect(formatPercent(-0.2)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('0%');
  });

  it('shortens a SHA-256 snapshot hash to twelve characters and keeps short ones whole', () => {
    const hash = 'a3f1c9e07b2d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6';
    expect(shortHash(hash)).toBe('a3f1c9e07b2d…');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('—');
  });

  it('prints times as local year-month-day hour:minute', () => {
    const local = new Date(2024, 2, 5, 14, 7, 33);
    expect(formatDateTime(local.toISOString())).toBe('2024-03-05 14:07');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('sizes files in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MB');
  });

  it('treats only done and failed as the end of an import job', () => {
    expect(isFinished('done')).toBe(true);
    expect(isFinished('failed')).toBe(true);
    expect(isFinished('loading')).toBe(false);
    expect(isFinished('queued')).toBe(false);
  });

  it('names in Chinese every target type and action the API writes to the access log', () => {
    // apps/api/src: every accessLog.append(user, action, targetType, …).
    const targets = ['plan', 'plan-draw-record', 'plan-roster', 'plan-day', 'plan-report', 'plan-quiz', 'plan-household-ledger', 'ledger', 'village-households', 'roster-snapshot', 'session'];
    for (const t of targets) expect(accessTargetLabel(t)).toMatch(/[\u4e00-\u9fff]/);
    expect([accessTargetLabel('plan-report'), accessTargetLabel('session'), accessTargetLabel('roster-snapshot')]).toEqual(['督查报告', '登录会话', '名单快照']);
    const actions = ['read', 'create', 'redraw', 'seal', 'reveal', 'complete', 'export', 'login', 'update', 'quiz', 'sign-off', 'reopen'];
    for (const a of actions) expect(accessActionLabel(a)).toMatch(/[\u4e00-\u9fff]/);
    // Unknown ones are shown as recorded.
    expect(accessTargetLabel('something-new')).toBe('something-new');
  });

  it('adds "：" after a lead-in unless it already ends in punctuation', () => {
    expect(leadIn('入户核查')).toBe('入户核查：');
    expect(leadIn('系统数据是否做到账实相符。')).toBe('系统数据是否做到账实相符。');
    expect(leadIn('是否落实？ ')).toBe('是否落实？');
    expect(leadIn('项目：')).toBe('项目：');
  });
});
