import { describe, expect, it } from 'vitest';
import { barGeometry, barScale, changeMark, scoreColor, tieLabel } from './rankings.js';

describe('ranking marks', () => {
  it('shows ▲ for a village that moved up, ▼ down, — unchanged and 新 when not ranked last week', () => {
    expect(changeMark(2)).toMatchObject({ symbol: '▲', title: '比上周上升 2 位' });
    expect(changeMark(-1)).toMatchObject({ symbol: '▼', title: '比上周下降 1 位' });
    expect(changeMark(0).symbol).toBe('—');
    expect(changeMark(null).symbol).toBe('新');
  });

  it('colours scores by band', () => {
    expect(scoreColor(95)).toBe('#1e8449');
    expect(scoreColor(69.9)).toBe('#c0392b');
  });

  it('places interval bars on one shared scale', () => {
    const scale = barScale([
      [80, 90],
      [70, 100],
    ]);
    expect(scale[0]).toBeCloseTo(68.5, 9);
    expect(scale[1]).toBe(100);
    const g = barGeometry([80, 90], 85, scale);
    expect(g.left).toBeGreaterThan(0);
    expect(g.mark).toBeGreaterThan(g.left);
    expect(g.mark).toBeLessThan(g.left + g.width);
  });
});

describe('tieLabel', () => {
  it('names the ranks a row is tied with', () => {
    expect(tieLabel([4])).toBe('与第 4 名并列');
    expect(tieLabel([7, 3, 5])).toBe('与第 3–7 名并列');
    expect(tieLabel([2, 2])).toBe('与第 2 名并列');
  });
});
