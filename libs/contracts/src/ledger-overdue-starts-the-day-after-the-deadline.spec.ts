import { describe, expect, it } from 'vitest';
import { chinaDate } from './china-time.js';
import { isDueSoon, isOverdue } from './ledger.js';

describe('逾期 and 即将到期 (China calendar days)', () => {
  const open = { deadline: '2026-11-30', status: 'in-progress' as const };

  it('is overdue from the day after the deadline, counted in Asia/Shanghai', () => {
    expect(isOverdue(open, chinaDate(new Date('2026-11-30T23:59:59+08:00')))).toBe(false);
    expect(isOverdue(open, chinaDate(new Date('2026-12-01T00:00:00+08:00')))).toBe(true); // 2026-11-30T16:00Z
  });

  it('is never overdue once closed, nor without a deadline (长期坚持)', () => {
    expect(isOverdue({ ...open, status: 'closed' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ deadline: null, status: 'pending' }, '2099-01-01')).toBe(false);
    expect(isDueSoon({ deadline: null, status: 'pending' }, '2099-01-01')).toBe(false);
  });

  it('is due soon from three days before the deadline through the deadline day', () => {
    expect(isDueSoon(open, '2026-11-26')).toBe(false);
    expect(isDueSoon(open, '2026-11-27')).toBe(true);
    expect(isDueSoon(open, '2026-11-30')).toBe(true);
    expect(isDueSoon(open, '2026-12-01')).toBe(false);
    expect(isDueSoon({ ...open, status: 'closed' }, '2026-11-29')).toBe(false);
  });
});
