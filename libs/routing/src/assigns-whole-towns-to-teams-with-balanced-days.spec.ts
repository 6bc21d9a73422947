import { describe, expect, it } from 'vitest';
import { assignVillages, type AssignVillage } from './assign.js';

// Three towns of 4, 3 and 2 villages, each village a workload of 20 (15 households + 5 items).
const village = (code: string, townCode: string, lat: number, lng: number): AssignVillage => ({ code, townCode, lat, lng, load: 20 });
const villages: AssignVillage[] = [
  village('411322100201', '411322100000', 33.26, 113.01),
  village('411322100202', '411322100000', 33.27, 113.02),
  village('411322100203', '411322100000', 33.28, 113.0),
  village('411322100204', '411322100000', 33.25, 113.03),
  village('411322101201', '411322101000', 33.4, 112.8),
  village('411322101202', '411322101000', 33.41, 112.82),
  village('411322101203', '411322101000', 33.42, 112.81),
  village('411322102201', '411322102000', 33.1, 113.3),
  village('411322102202', '411322102000', 33.11, 113.31),
];
const teams = [
  { id: 'A', start: { lat: 33.25, lng: 113.0 }, homeTowns: ['411322100000'] },
  { id: 'B', start: { lat: 33.25, lng: 113.0 }, homeTowns: [] },
];

describe('assigning villages to teams and days', () => {
  it('keeps every town with one team, and never sends a team to its home town', () => {
    const result = assignVillages(villages, teams, 2);
    const teamOfTown = new Map<string, Set<string>>();
    for (const a of result) {
      const town = a.villageCode.slice(0, 9);
      teamOfTown.set(town, (teamOfTown.get(town) ?? new Set()).add(a.teamId));
    }
    for (const set of teamOfTown.values()) expect(set.size).toBe(1);
    expect([...teamOfTown.get('411322100')!]).toEqual(['B']);
  });

  it('balances the workload: the biggest town to the eligible team, the next towns to the lighter team', () => {
    const result = assignVillages(villages, teams, 1);
    const loadOf = (team: string) => result.filter((a) => a.teamId === team).length * 20;
    // Town 100 (80) must go to B; then town 101 (60) to A (0 < 80); then town 102 (40) to A (60 < 80).
    expect(loadOf('B')).toBe(80);
    expect(loadOf('A')).toBe(100);
  });

  it('cuts each team into days of about equal workload along its route', () => {
    const result = assignVillages(villages, teams, 2);
    const b = result.filter((a) => a.teamId === 'B');
    expect(b.filter((a) => a.day === 0)).toHaveLength(2);
    expect(b.filter((a) => a.day === 1)).toHaveLength(2);
  });

  it('is deterministic and refuses impossible input', () => {
    expect(assignVillages([...villages].reverse(), teams, 2)).toEqual(assignVillages(villages, teams, 2));
    expect(() => assignVillages(villages, [{ id: 'A', start: { lat: 33, lng: 113 }, homeTowns: ['411322100000'] }], 1)).toThrow(/no team may inspect/);
    expect(() => assignVillages(villages, teams, 0)).toThrow(/days/);
  });
});
