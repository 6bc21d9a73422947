import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DrawRecord } from './draw-record.js';
import { HOUSEHOLD_PURPOSE } from './draw.js';
import { firstByTicket, sortByTicket, ticket, TicketHasher } from './tickets.js';

/** The definition in docs/sampling.md, written independently with Node's own SHA-256. */
function referenceTicket(seed: string, purpose: string, key: string): string {
  const bytes = Buffer.concat([Buffer.from(seed, 'utf8'), Buffer.from([0]), Buffer.from(purpose, 'utf8'), Buffer.from([0]), Buffer.from(key, 'utf8')]);
  return createHash('sha256').update(bytes).digest('hex');
}

describe('ticket = SHA-256(seed ‖ 0x00 ‖ purpose ‖ 0x00 ‖ key), lowercase hex', () => {
  it('matches the definition for ASCII, Chinese and astral-plane keys', () => {
    for (const key of ['3412251000010001', '户-001', '𠀋𠀌-7', '']) {
      expect(ticket('62431 55214', 'household', key)).toBe(referenceTicket('62431 55214', 'household', key));
    }
  });

  it('fast hasher agrees with the reference for every prefix and key length across block boundaries', () => {
    for (let seedLength = 0; seedLength <= 140; seedLength += 7) {
      const seed = 'S'.repeat(seedLength);
      const hasher = new TicketHasher(seed, 'project/341225100001');
      for (let keyLength = 0; keyLength <= 140; keyLength += 3) {
        const key = Array.from({ length: keyLength }, (_, i) => (i % 5 === 4 ? '村' : String(i % 10))).join('');
        expect(hasher.ticketHex(key), `seed ${seedLength}, key ${keyLength}`).toBe(referenceTicket(seed, 'project/341225100001', key));
      }
    }
  });

  it('every ticket in the golden draw record recomputes from its seed and 户编号', () => {
    const record = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.draw.json', import.meta.url), 'utf8')) as DrawRecord;
    let checked = 0;
    for (const village of record.villages) {
      for (const d of village.sample) {
        expect(d.ticket).toBe(referenceTicket(record.seed!, HOUSEHOLD_PURPOSE, d.householdNo));
        checked++;
      }
      for (const p of village.projects.sample) expect(p.ticket).toBe(referenceTicket(record.seed!, `project/${village.villageCode}`, p.code));
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe('ordering by ticket', () => {
  it('sorts on the whole ticket when first words tie, and on the key when whole tickets tie', () => {
    // Five tickets of 8 words; 0, 2, 3 and 4 share the first word, 3 and 4 are identical.
    const words = new Uint32Array([
      [7, 0, 0, 0, 0, 0, 0, 9],
      [0xffffffff, 0, 0, 0, 0, 0, 0, 0],
      [7, 0, 0, 0, 0, 0, 0, 2],
      [7, 0, 0, 0, 0, 0, 0, 5],
      [7, 0, 0, 0, 0, 0, 0, 5],
    ].flat());
    const keys = ['a', 'b', 'c', 'e', 'd'];
    const ids = [0, 1, 2, 3, 4];
    sortByTicket(ids, words, (i) => keys[i]);
    expect(ids.map((i) => keys[i])).toEqual(['c', 'd', 'e', 'a', 'b']);
  });

  it('taking the first k by ticket gives the first k of the full sort, ties on the first word included', () => {
    // 2,000 tickets whose first words take only 50 values, so the k-th often ties with others.
    let x = 12345;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const n = 2000;
    const words = new Uint32Array(n * 8);
    for (let i = 0; i < n; i++) {
      words[i * 8] = rand() % 50;
      for (let j = 1; j < 8; j++) words[i * 8 + j] = j === 7 ? rand() % 3 : 0;
    }
    const keys = Array.from({ length: n }, (_, i) => `户${(i * 7919) % n}`);
    const ids = Array.from({ length: n }, (_, i) => (i * 31) % n);
    const sorted = ids.slice();
    sortByTicket(sorted, words, (i) => keys[i]);
    for (const k of [0, 1, 15, 25, 39, 40, 41, 100, 1999, 2000, 2500]) {
      expect(firstByTicket(ids, words, (i) => keys[i], k), `k = ${k}`).toEqual(sorted.slice(0, k));
    }
  });
});
