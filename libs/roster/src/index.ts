export { neutraliseFormula } from './cells.js';
export { decodeText } from './decode.js';
export { csvRecords, parseCsv, toCsv } from './csv.js';
export { RosterFormatError } from './errors.js';
export { openTable, readTable, type TableRows, type XlsxRowStream } from './read-table.js';
export { notXlsxMessage, rowsToXlsx, xlsxRowText } from './xlsx.js';
export { MAX_CELL_LENGTH, MAX_PROBLEMS, numberText, type ParseResult, TableParser, unlistedProblems } from './table-parser.js';
export {
  ASSET_HEADERS,
  CADRE_HEADERS,
  HOUSEHOLD_HEADERS,
  PROJECT_HEADERS,
  VILLAGE_HEADERS,
  parseAssetTable,
  parseCadreTable,
  parseHouseholdTable,
  parseProjectTable,
  parseVillageTable,
  type RosterRecords,
  rosterTableParser,
  type VillageRow,
} from './tables.js';
export { assetsToRows, cadresToRows, householdsToRows, projectsToRows, villagesToRows } from './writers.js';
export { canonicalHouseholds, canonicalRoster, canonicalSectionText, CanonicalSectionWriter, householdsHash, parseCanonicalRoster, rosterHash, type RosterInput } from './canonical.js';
