import { describe, expect, it } from 'vitest';
import { dayRoute, item, team, village } from './fixtures.js';
import { routeSheet } from './route-sheet.js';

describe('the printed route sheet', () => {
  // What the inspector's API answer carries: real names.
  const route = dayRoute(team('t1', '第一督查组'), '2026-11-24', [
    village(1, '411322100201', '张庄村', [item('household', '4113221002010001', '张三明'), item('project', 'P1', '光伏电站', { approximate: true })]),
    village(2, '411322101201', '李营村', [item('household', '4113221012010007', '欧阳小明'), item('household', '4113221012010009', '李四')]),
  ]);
  const sheet = routeSheet(route);

  it('masks every household head’s name, even when the caller was allowed to see it', () => {
    const labels = sheet.villages.flatMap((v) => v.stops.filter((s) => s.kind === '农户').map((s) => s.label));
    expect(labels).toEqual(['张*明', '欧**明', '李*']);
    expect(JSON.stringify(sheet)).not.toContain('张三明');
    expect(JSON.stringify(sheet)).not.toContain('欧阳小明');
  });

  it('keeps household numbers and project names as they are', () => {
    expect(sheet.villages[0].stops.map((s) => [s.no, s.kind, s.code, s.label])).toEqual([
      ['1-1', '农户', '4113221002010001', '张*明'],
      ['1-2', '项目', 'P1', '光伏电站'],
    ]);
  });

  it('numbers the stops village by village in route order and counts the households', () => {
    expect(sheet.villages.flatMap((v) => v.stops.map((s) => s.no))).toEqual(['1-1', '1-2', '2-1', '2-2']);
    expect(sheet.households).toBe(3);
  });

  it('carries team, day, members and the plan commitment for the QR code', () => {
    expect(sheet).toMatchObject({ teamName: '第一督查组', visitDate: '2026-11-24', members: '第一督查组组员', commitment: 'ab'.repeat(32) });
  });
});
