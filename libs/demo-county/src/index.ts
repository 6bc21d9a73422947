export { generateCounty, COUNTY_SIZES, DEFAULT_SEED, type CountySize, type DemoCounty, type GenerateCountyOptions, type VillageRow } from './generate-county.js';
export { FANGCHENG_COUNTY, FANGCHENG_TOWNS, FANGCHENG_VILLAGES } from './data/fangcheng.js';
export type { DivisionTown, DivisionVillage, DivisionVillageKind, TownKind } from './data/division.js';
export { FANGCHENG_BBOX, FANGCHENG_CENTRE } from './geo.js';
export { PROJECT_TYPES, type ProjectType } from './projects.js';
