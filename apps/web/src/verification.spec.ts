import type { HouseholdRecord } from '@lookback/contracts';
import { householdsToRows, toCsv } from '@lookback/roster';
import { canonicalJson, draw, type DrawRecord } from '@lookback/sampling';
import { describe, expect, it } from 'vitest';
import { verifyDrawFiles, type VerificationFile } from './verification.js';

const TYPES = ['脱贫户', '监测户', '一般农户'] as const;

/** Two villages of 30 households with a spread of types and flags, so several strata are drawn. */
function roster(): HouseholdRecord[] {
  const households: HouseholdRecord[] = [];
  for (const [villageCode, villageName] of [['411322100201', '东村'], ['411322100202', '西村']] as const) {
    for (let i = 1; i <= 30; i++) {
      households.push({
        householdNo: `${villageCode}${String(i).padStart(4, '0')}`,
        headName: `户主${i}`,
        townName: '城关镇',
        villageName,
        villageCode,
        householdType: TYPES[i % 3],
        monitoringCategory: TYPES[i % 3] === '监测户' ? '边缘易致贫户' : null,
        dibao: i % 7 === 0,
        tekun: false,
        severeDisability: i % 11 === 0,
        seriousIllness: false,
        elderlyAlone: i % 13 === 0,
        members: 1 + (i % 5),
        incomePerCapita: 6000 + i * 250,
        lng: null,
        lat: null,
      });
    }
  }
  return households;
}

const encode = (text: string) => new TextEncoder().encode(text);
const recordFile = (record: DrawRecord): VerificationFile => ({ name: 'draw.json', bytes: encode(canonicalJson(record)) });
const rosterFile = (households: HouseholdRecord[]): VerificationFile => ({ name: 'roster.csv', bytes: encode(toCsv(householdsToRows(households))) });

describe('verifying a draw from its two files in the browser', () => {
  const households = roster();
  const honest = () => JSON.parse(canonicalJson(draw({ seed: '31415 92653 58979 32384', households }))) as DrawRecord;

  it('reports MATCH for the record and the roster the plan was drawn from', async () => {
    const record = honest();
    const outcome = await verifyDrawFiles(recordFile(record), rosterFile(households));
    // A households-only roster: the draw holds no projects, assets or interviewees to take on trust.
    expect(outcome).toEqual({ kind: 'match', commitment: record.commitment, villages: 2, households: 30, unchecked: [] });
  });

  it('reports MISMATCH naming the roster when one household lost its 低保 flag', async () => {
    const tampered = households.map((h) => (h.householdNo === '4113221002010007' ? { ...h, dibao: false } : h));
    const outcome = await verifyDrawFiles(recordFile(honest()), rosterFile(tampered));
    expect(outcome.kind).toBe('mismatch');
    expect(outcome.kind === 'mismatch' && outcome.firstDifference).toMatch(/^snapshotHash: /);
  });

  it('reports MISMATCH when a drawn household was swapped in the record', async () => {
    const record = honest();
    record.villages[0].sample[0].householdNo = '4113221002010099';
    const outcome = await verifyDrawFiles(recordFile(record), rosterFile(households));
    expect(outcome).toMatchObject({ kind: 'mismatch', firstDifference: expect.stringContaining('villages[0].sample[0].householdNo') });
  });

  it('refuses a record whose seed is not yet public instead of calling it a mismatch', async () => {
    const sealed = JSON.parse(canonicalJson(draw({ seed: '1', households, revealSeed: false }))) as DrawRecord;
    expect(await verifyDrawFiles(recordFile(sealed), rosterFile(households))).toEqual({
      kind: 'unreadable',
      message: '抽样记录中还没有种子：方案公开种子之后才能复核',
    });
  });

  it('explains a draw-record file that is not JSON, and a roster that is not a table', async () => {
    const notJson = await verifyDrawFiles({ name: 'notes.txt', bytes: encode('hello') }, rosterFile(households));
    expect(notJson).toEqual({ kind: 'unreadable', message: '文件「notes.txt」不是 JSON 格式的抽样记录' });
    const png = { name: 'photo.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) };
    const notTable = await verifyDrawFiles(recordFile(honest()), png);
    expect(notTable).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('PNG 图片') });
  });

  it('names the first problem of a roster file that is a table but not a household list', async () => {
    const outcome = await verifyDrawFiles(recordFile(honest()), { name: 'villages.csv', bytes: encode('村代码,村名称\n411322100201,东村\n') });
    expect(outcome).toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/^农户名单「villages\.csv」有 \d+ 处问题/) });
  });
});
