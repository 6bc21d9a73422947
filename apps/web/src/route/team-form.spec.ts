import { describe, expect, it } from 'vitest';
import { emptyTeamForm, parseMembers, teamRequestFromForm, visitDays, visitsFromRows } from './team-form.js';

describe('the 督查组 form', () => {
  const filled = { ...emptyTeamForm(), name: ' 第三督查组 ', startLabel: '县委', startLat: '33.25', startLng: '113.01', members: 'inspector1， inspector2、inspector1' };

  it('reads usernames separated by commas (either width), 、 or spaces, once each', () => {
    expect(parseMembers('inspector1， inspector2、inspector3,inspector1 ;')).toEqual(['inspector1', 'inspector2', 'inspector3']);
    expect(parseMembers('  ')).toEqual([]);
  });

  it('builds the API body from a filled form', () => {
    expect(teamRequestFromForm(filled)).toEqual({ ok: true, value: { name: '第三督查组', startLabel: '县委', startLat: 33.25, startLng: 113.01, members: ['inspector1', 'inspector2'] } });
    expect(teamRequestFromForm({ ...filled, homeTowns: ['411322100000'] })).toMatchObject({ ok: true, value: { homeTowns: ['411322100000'] } });
  });

  it('asks for a start point when a coordinate is missing', () => {
    expect(teamRequestFromForm({ ...filled, startLat: '' })).toEqual({ ok: false, message: expect.stringContaining('在地图上点选') });
    expect(teamRequestFromForm({ ...filled, startLng: '  ' })).toEqual({ ok: false, message: expect.stringContaining('在地图上点选') });
  });

  it('says what is wrong with a coordinate that is filled in: not a number, or out of range', () => {
    expect(teamRequestFromForm({ ...filled, startLat: 'abc' })).toEqual({ ok: false, message: '纬度格式不对（应为数字，如 33.27）' });
    expect(teamRequestFromForm({ ...filled, startLat: '95' })).toEqual({ ok: false, message: '纬度应在 -90 到 90 之间' });
    expect(teamRequestFromForm({ ...filled, startLat: '-90' })).toMatchObject({ ok: true, value: { startLat: -90 } });
    expect(teamRequestFromForm({ ...filled, startLng: '113,01' })).toEqual({ ok: false, message: expect.stringMatching(/^经度格式不对（应为数字/) });
    expect(teamRequestFromForm({ ...filled, startLng: '200' })).toEqual({ ok: false, message: '经度应在 -180 到 180 之间' });
  });

  it('asks for at least one member', () => {
    expect(teamRequestFromForm({ ...filled, members: ' ， ' })).toEqual({ ok: false, message: '请填写至少 1 名督查员的用户名' });
  });
});

describe('the 走访安排 table', () => {
  const row = (villageCode: string, teamId: string, visitDate: string) => ({ villageCode, villageName: `村${villageCode.slice(-1)}`, teamId, visitDate });

  it('sends rows with team and date, leaves out unscheduled villages', () => {
    expect(visitsFromRows([row('411322100201', 't1', '2026-11-24'), row('411322100202', '', '')])).toEqual({ ok: true, value: [{ villageCode: '411322100201', teamId: 't1', visitDate: '2026-11-24' }] });
  });

  it('names the villages that have a team but no date, or a date but no team', () => {
    expect(visitsFromRows([row('411322100201', 't1', ''), row('411322100202', '', '2026-11-24')])).toEqual({ ok: false, message: expect.stringContaining('村1、村2') });
  });

  it('offers the scheduled days and the added ones, sorted and without repeats', () => {
    expect(visitDays([{ villageCode: 'x', teamId: 't', visitDate: '2026-11-25' }], ['2026-11-24', '2026-11-25', ''])).toEqual(['2026-11-24', '2026-11-25']);
  });
});
