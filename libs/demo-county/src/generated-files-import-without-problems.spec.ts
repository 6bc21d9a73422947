import {
  assetsToRows,
  cadresToRows,
  householdsToRows,
  parseAssetTable,
  parseCadreTable,
  parseHouseholdTable,
  parseProjectTable,
  parseVillageTable,
  projectsToRows,
  villagesToRows,
} from '@lookback/roster';
import { describe, expect, it } from 'vitest';

import { county } from './__fixtures__/counties.js';

// Parsing 60,000 rows takes a few seconds on a busy machine.
describe('generated files import without problems', { timeout: 30_000 }, () => {
  // The demo county is only useful if the importer takes it as a user's files: check every table.
  const demo = county('demo');

  it('reads the villages file back unchanged', () => {
    const { records, problems } = parseVillageTable(villagesToRows(demo.villages));
    expect(problems).toEqual([]);
    expect(records).toEqual(demo.villages);
  });

  it('reads the households file back unchanged', () => {
    const { records, problems } = parseHouseholdTable(householdsToRows(demo.households));
    expect(problems).toEqual([]);
    expect(records).toEqual(demo.households);
  });

  it('reads the projects, assets and cadres files back unchanged', () => {
    const projects = parseProjectTable(projectsToRows(demo.projects));
    const assets = parseAssetTable(assetsToRows(demo.assets));
    const cadres = parseCadreTable(cadresToRows(demo.cadres));
    expect([...projects.problems, ...assets.problems, ...cadres.problems]).toEqual([]);
    expect(projects.records).toEqual(demo.projects);
    expect(assets.records).toEqual(demo.assets);
    expect(cadres.records).toEqual(demo.cadres);
  });
});
