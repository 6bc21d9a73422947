import { describe, expect, it } from 'vitest';
import { teamColor, UNSCHEDULED_COLOR } from '../map/colors.js';
import { dayRoute, item, team, village } from './fixtures.js';
import { planMap } from './plan-map.js';

const first = team('t1', '第一督查组');
const second = team('t2', '第二督查组', 33.26, 113.0);
const villages = [
  { code: '411322100201', name: '张庄村', townName: '券桥乡', lat: 33.31, lng: 113.11 },
  { code: '411322101201', name: '李营村', townName: '博望镇', lat: 33.35, lng: 113.2 },
  { code: '411322102201', name: '王岗村', townName: '博望镇', lat: 33.4, lng: 113.25 },
];
const visits = [
  { villageCode: '411322100201', teamId: 't1', visitDate: '2026-11-24' },
  { villageCode: '411322101201', teamId: 't2', visitDate: '2026-11-24' },
];
const routes = [
  dayRoute(first, '2026-11-24', [village(1, '411322100201', '张庄村', [item('household', 'H1', '张*明'), item('household', 'H2', '李*', { approximate: true }), item('project', 'P1', '光伏电站', { approximate: true }), item('asset', 'A1', '灌溉井')])]),
  dayRoute(second, '2026-11-24', [village(1, '411322101201', '李营村', [item('household', 'H3', '王*')])]),
];

describe('the plan map colours villages by team and draws each team-day’s route', () => {
  const map = planMap({ teams: [first, second], visits, routes, villages });

  it('colours each village by the team that visits it, and unscheduled ones grey', () => {
    const colourOf = (code: string) => map.scene.dots.find((d) => d.id === `village:${code}`)?.color;
    expect(colourOf('411322100201')).toBe(teamColor(0));
    expect(colourOf('411322101201')).toBe(teamColor(1));
    expect(colourOf('411322102201')).toBe(UNSCHEDULED_COLOR);
  });

  it('names the teams in the legend with their colours, and says that some villages are unscheduled', () => {
    expect(map.legend.slice(0, 3)).toEqual([
      { label: '第一督查组', color: teamColor(0) },
      { label: '第二督查组', color: teamColor(1) },
      { label: '未安排', color: UNSCHEDULED_COLOR },
    ]);
  });

  it('draws one closed line per team-day: start, villages, back to the start', () => {
    expect(map.scene.lines).toHaveLength(2);
    expect(map.scene.lines[0].points).toEqual([
      [33.25, 113.01],
      [33.3, 113.1],
      [33.25, 113.01],
    ]);
    expect(map.scene.lines[1].color).toBe(teamColor(1));
  });

  it('clusters the located households and draws located assets, leaving out items placed only at the village centre', () => {
    expect(map.scene.clustered.map((c) => c.id)).toEqual(['411322100201/household:H1', '411322101201/household:H3']);
    expect(map.scene.dots.filter((d) => !d.id.startsWith('village:')).map((d) => d.id)).toEqual(['411322100201/asset:A1']);
  });

  it('marks each team’s start point', () => {
    expect(map.scene.numbered.map((n) => [n.label, n.lat, n.lng])).toEqual([
      ['起', 33.25, 113.01],
      ['起', 33.26, 113.0],
    ]);
  });
});
