import { describe, expect, it } from 'vitest';

import { roster } from './__fixtures__/roster.js';
import { canonicalHouseholds, canonicalRoster, householdsHash, rosterHash } from './index.js';

const reversed = {
  villages: [...roster.villages].reverse(),
  households: [...roster.households].reverse(),
  projects: [...roster.projects].reverse(),
  assets: [...roster.assets].reverse(),
  cadres: [...roster.cadres].reverse(),
};

describe('canonical roster and its hash', () => {
  it('writes the documented canonical text', () => {
    const text = canonicalRoster(roster);
    const lines = text.split('\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['#villages', '#households', '#projects', '#assets', '#cadres']);
    expect(lines).toContain('["411322101001","石门村","411322101000","独树镇","脱贫村",113.0512,33.2567]');
    expect(lines).toContain('["H0002","李秀英","独树镇","石门村","411322101001","监测户","边缘易致贫户",false,false,true,false,false,3,7500,null,null]');
    expect(lines).toContain('["XM2023-002","独树镇道路硬化",2023,"411322101000",null,"基础设施",120,"在建"]');
    expect(lines).toContain('["GB-003","孙丽","村两委成员","411322101002",null]');
  });

  it('does not depend on the order of the input rows', () => {
    expect(canonicalRoster(reversed)).toBe(canonicalRoster(roster));
    expect(rosterHash(reversed)).toBe(rosterHash(roster));
    expect(householdsHash(reversed.households)).toBe(householdsHash(roster.households));
  });

  it('sorts records by natural key in code point order, not UTF-16 order', () => {
    const base = roster.households[0];
    // U+FF21 (Ａ) is one UTF-16 unit above the surrogates; U+20000 (𠀀) is a surrogate pair, so
    // UTF-16 order puts 𠀀 first while code point order puts Ａ first.
    const section = canonicalHouseholds([
      { ...base, householdNo: '𠀀' },
      { ...base, householdNo: 'Ａ' },
    ]);
    expect(section.indexOf('"Ａ"')).toBeLessThan(section.indexOf('"𠀀"'));
  });

  it('is lowercase hex SHA-256 of the canonical text', async () => {
    const { createHash } = await import('node:crypto');
    expect(rosterHash(roster)).toBe(createHash('sha256').update(canonicalRoster(roster), 'utf8').digest('hex'));
    expect(householdsHash(roster.households)).toBe(createHash('sha256').update(canonicalHouseholds(roster.households), 'utf8').digest('hex'));
  });

  it('changes when any single field changes', () => {
    const base = rosterHash(roster);
    const h = roster.households[1];
    const changes = [
      { ...roster, households: roster.households.map((x) => (x === h ? { ...x, incomePerCapita: 7500.01 } : x)) },
      { ...roster, households: roster.households.map((x) => (x === h ? { ...x, dibao: true } : x)) },
      { ...roster, households: roster.households.map((x) => (x === h ? { ...x, lng: 113, lat: 33 } : x)) },
      { ...roster, villages: roster.villages.map((v, i) => (i === 0 ? { ...v, villageType: '一般村' as const } : v)) },
      { ...roster, projects: roster.projects.map((p, i) => (i === 1 ? { ...p, villageCode: '411322101002' } : p)) },
      { ...roster, assets: roster.assets.slice(1) },
      { ...roster, cadres: roster.cadres.map((c, i) => (i === 2 ? { ...c, phone: '' } : c)) },
    ];
    const hashes = changes.map(rosterHash);
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(changes.length);
  });

  it('households hash ignores everything but households', () => {
    const other = { ...roster, villages: [] };
    expect(householdsHash(other.households)).toBe(householdsHash(roster.households));
    expect(rosterHash(other)).not.toBe(rosterHash(roster));
  });

  it('keeps a section header even when a section is empty, so moving records between sections changes the hash', () => {
    expect(canonicalRoster({ villages: [], households: [], projects: [], assets: [], cadres: [] })).toBe('#villages\n#households\n#projects\n#assets\n#cadres\n');
  });
});
