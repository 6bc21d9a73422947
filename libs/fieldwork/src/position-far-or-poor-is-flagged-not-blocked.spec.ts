import { describe, expect, it } from 'vitest';
import { positionFlags } from './index.js';

const home = { lat: 33.255, lng: 113.01 };

describe('position flags', () => {
  it('no flag when the fix is near and precise', () => {
    expect(positionFlags({ lat: 33.2552, lng: 113.0102, accuracy: 15 }, home)).toEqual([]);
  });

  it('flags a fix about 1.1 km away as far, and a 150 m accuracy as poor', () => {
    expect(positionFlags({ lat: 33.265, lng: 113.01, accuracy: 150 }, home)).toEqual(['far', 'poor-accuracy']);
  });

  it('uses the thresholds it is given', () => {
    // ~111 m north.
    const fix = { lat: 33.256, lng: 113.01, accuracy: 40 };
    expect(positionFlags(fix, home)).toEqual([]);
    expect(positionFlags(fix, home, { farMeters: 100, poorAccuracyMeters: 30 })).toEqual(['far', 'poor-accuracy']);
  });

  it('says when there is nothing to compare with', () => {
    expect(positionFlags({ lat: 33.2552, lng: 113.0102, accuracy: 8 }, null)).toEqual(['no-expected']);
  });
});
