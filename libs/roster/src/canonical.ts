import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord } from '@lookback/contracts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

import { numberText } from './table-parser.js';
import type { VillageRow } from './tables.js';

/** Everything imported for one county: the input of a roster snapshot (花名册快照). */
export interface RosterInput {
  villages: readonly VillageRow[];
  households: readonly HouseholdRecord[];
  projects: readonly ProjectRecord[];
  assets: readonly AssetRecord[];
  cadres: readonly CadreRecord[];
}

type Field = string | number | boolean | null;

/** A record's line of the canonical form, with its key for ordering. */
interface CanonicalLine {
  key: string;
  plain: boolean;
  line: string;
}

function lineOf<T>(r: T, key: (r: T) => string, fields: (r: T) => Field[]): CanonicalLine {
  const k = key(r);
  return { key: k, plain: !HAS_SURROGATE.test(k), line: lineText(fields(r)) };
}

/** A record's line: its fields as one JSON array, then LF. */
function lineText(fields: Field[]): string {
  return `[${fields.map(field).join(',')}]\n`;
}

/**
 * One section of the canonical form: a `#name` line, then one JSON array per record, sorted by
 * natural key in Unicode code point order, each line ending in LF. The exact rules, written for
 * an auditor re-implementing them, are in docs/import-formats.md ("Canonical form and hash").
 */
function sortedSection(name: string, lines: CanonicalLine[]): string[] {
  // Ties (duplicate keys never pass the parser, but callers may build input by hand) fall back to
  // the whole line, so the output never depends on input order.
  lines.sort((a, b) => {
    // Without surrogates UTF-16 order is code point order, and the engine's comparison is fastest.
    const byKey = a.plain && b.plain ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : compareCodePoints(a.key, b.key);
    return byKey || compareCodePoints(a.line, b.line);
  });
  const out = new Array<string>(lines.length + 1);
  out[0] = `#${name}\n`;
  for (let i = 0; i < lines.length; i++) out[i + 1] = lines[i].line;
  return out;
}

const HAS_SURROGATE = /[\ud800-\udfff]/;

/** Characters JSON escapes: quote, backslash, controls, and lone surrogates (well-formed JSON.stringify). */
const NEEDS_ESCAPE = /["\\\x00-\x1f\ud800-\udfff]/;

function field(value: Field): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonicalRoster: ${value} is not a finite number`);
    // ECMAScript's shortest round-trip form, as JSON.stringify writes it; -0 becomes "0".
    return numberText(value);
  }
  return value === null ? 'null' : value ? 'true' : 'false';
}

/**
 * Compares by Unicode code point (= UTF-8 byte order), not by UTF-16 code unit as `<` does: the two
 * differ for characters above U+FFFF, and auditors in other languages sort by code point.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (D800–DFFF) stand for code points above FFFF, so they must rank after E000–FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** The sections, in the order of the canonical text. */
const SECTION_NAMES = ['villages', 'households', 'projects', 'assets', 'cadres'] as const;

/** Name, natural key and fields of each section's records, in the order of the canonical arrays. */
const SPECS = {
  villages: { name: 'villages', key: (v: VillageRow) => v.code, fields: (v: VillageRow): Field[] => [v.code, v.name, v.townCode, v.townName, v.villageType, v.lng, v.lat] },
  households: {
    name: 'households',
    key: (h: HouseholdRecord) => h.householdNo,
    fields: (h: HouseholdRecord): Field[] => [
      h.householdNo, h.headName, h.townName, h.villageName, h.villageCode, h.householdType, h.monitoringCategory,
      h.dibao, h.tekun, h.severeDisability, h.seriousIllness, h.elderlyAlone, h.members, h.incomePerCapita, h.lng, h.lat,
    ],
  },
  projects: {
    name: 'projects',
    key: (p: ProjectRecord) => p.projectCode,
    fields: (p: ProjectRecord): Field[] => [p.projectCode, p.name, p.year, p.townCode, p.villageCode, p.projectType, p.amountWan, p.status],
  },
  assets: { name: 'assets', key: (a: AssetRecord) => a.assetCode, fields: (a: AssetRecord): Field[] => [a.assetCode, a.name, a.kind, a.villageCode, a.lng, a.lat] },
  cadres: { name: 'cadres', key: (c: CadreRecord) => c.cadreNo, fields: (c: CadreRecord): Field[] => [c.cadreNo, c.name, c.role, c.villageCode, c.phone] },
} as const;

type SectionKind = keyof RosterInput;
type RecordOf<K extends SectionKind> = RosterInput[K][number];
type Spec<K extends SectionKind> = { name: string; key: (r: RecordOf<K>) => string; fields: (r: RecordOf<K>) => Field[] };
const specOf = <K extends SectionKind>(kind: K) => SPECS[kind] as unknown as Spec<K>;

function sectionOf<K extends SectionKind>(kind: K, records: RosterInput[K]): string[] {
  return sortedSection(specOf(kind).name, canonicalLines(kind, records));
}

/**
 * The lines of some records of a section, unsorted: a caller that builds a large section a piece
 * at a time (interleaving other work) collects them and orders them with canonicalSectionOfLines.
 */
function canonicalLines<K extends SectionKind>(kind: K, records: readonly RecordOf<K>[]): CanonicalLine[] {
  const spec = specOf(kind);
  return records.map((r) => lineOf(r, spec.key, spec.fields));
}

/** Lines per encoded piece of a CanonicalSectionWriter. */
const WRITER_PIECE = 4096;
const LF = 0x0a;

/**
 * Builds one section of the canonical form from records added one at a time, as UTF-8 bytes:
 * byte for byte `canonicalSectionText(kind, records)` encoded as UTF-8, for a section far too large
 * to keep as strings. Lines are encoded a few thousand at a time (outside the JavaScript heap, so
 * 240,000 households are not 240,000 strings for the garbage collector to copy); only the keys are
 * kept as strings. Records that arrive in key order (the usual export) are not sorted again.
 */
export class CanonicalSectionWriter {
  private readonly encoder = new TextEncoder();
  private readonly keys: string[] = [];
  private readonly pieces: Uint8Array[] = [];
  private text = '';
  private inOrder = true;

  constructor(private readonly kind: SectionKind) {}

  /** Records added so far. */
  get count(): number {
    return this.keys.length;
  }

  add(record: RecordOf<SectionKind>): void {
    const spec = specOf(this.kind);
    const key = spec.key(record);
    const previous = this.keys.length ? this.keys[this.keys.length - 1] : undefined;
    // Strictly increasing keys without surrogates are in code point order already; anything else
    // (a tie included) goes through the sort.
    if (previous !== undefined && this.inOrder && !(previous < key && !HAS_SURROGATE.test(key) && !HAS_SURROGATE.test(previous))) this.inOrder = false;
    this.keys.push(key);
    this.text += lineText(spec.fields(record));
    if (this.keys.length % WRITER_PIECE === 0) this.flush();
  }

  /** The section's bytes in canonical order (its `#name` line first), in pieces of about a megabyte or less. */
  finish(): Uint8Array[] {
    this.flush();
    const head = this.encoder.encode(`#${specOf(this.kind).name}\n`);
    if (this.inOrder) return [head, ...this.pieces];
    // Where each line starts, across the pieces; then the lines in key order (ties by the whole
    // line: UTF-8 byte order is code point order), copied into new pieces.
    const n = this.keys.length;
    const piece = new Int32Array(n);
    const start = new Int32Array(n + 1);
    const end = new Int32Array(n);
    let line = 0;
    this.pieces.forEach((bytes, p) => {
      let at = 0;
      while (at < bytes.length) {
        const stop = bytes.indexOf(LF, at) + 1;
        piece[line] = p;
        start[line] = at;
        end[line] = stop;
        line++;
        at = stop;
      }
    });
    const keys = this.keys;
    const bytesOf = (i: number) => this.pieces[piece[i]].subarray(start[i], end[i]);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareCodePoints(keys[a], keys[b]) || compareBytes(bytesOf(a), bytesOf(b)));
    const out: Uint8Array[] = [head];
    let buffer = new Uint8Array(1 << 20);
    let used = 0;
    for (const i of order) {
      const bytes = bytesOf(i);
      if (used + bytes.length > buffer.length) {
        out.push(buffer.subarray(0, used));
        buffer = new Uint8Array(Math.max(1 << 20, bytes.length));
        used = 0;
      }
      buffer.set(bytes, used);
      used += bytes.length;
    }
    if (used) out.push(buffer.subarray(0, used));
    return out;
  }

  private flush(): void {
    if (this.text === '') return;
    this.pieces.push(this.encoder.encode(this.text));
    this.text = '';
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function allSections(input: RosterInput): string[][] {
  return SECTION_NAMES.map((kind) => sectionOf(kind, input[kind]));
}

/** The canonical text of one section alone (its `#name` line and records), as it appears in the whole. */
export function canonicalSectionText<K extends SectionKind>(kind: K, records: RosterInput[K]): string {
  return sectionOf(kind, records).join('');
}

/** The canonical text of a whole roster; independent of the order of rows in the input. */
export function canonicalRoster(input: RosterInput): string {
  return allSections(input).map((lines) => lines.join('')).join('');
}

/** The households section of the canonical form, for auditors comparing text rather than hashes. */
export function canonicalHouseholds(households: readonly HouseholdRecord[]): string {
  return canonicalSectionText('households', households);
}

/** Hashes lines as one UTF-8 text, fed in ~1 MB pieces so 240,000 households never make one giant string. */
function sha256OfLines(sections: readonly (readonly string[])[]): string {
  const hash = sha256.create();
  let chunk = '';
  for (const lines of sections) {
    for (const line of lines) {
      chunk += line;
      if (chunk.length >= 1 << 20) {
        hash.update(utf8ToBytes(chunk));
        chunk = '';
      }
    }
  }
  hash.update(utf8ToBytes(chunk));
  return bytesToHex(hash.digest());
}

/** Lowercase hex SHA-256 of `canonicalRoster(input)` encoded as UTF-8. */
export function rosterHash(input: RosterInput): string {
  return sha256OfLines(allSections(input));
}

/** Lowercase hex SHA-256 of the households section alone (`#households` line included): what a draw is bound to. */
export function householdsHash(households: readonly HouseholdRecord[]): string {
  return sha256OfLines([sectionOf('households', households)]);
}


/**
 * Reads canonical text back into records (the inverse of canonicalRoster): how a stored roster
 * snapshot becomes the input of a draw again. Throws on anything that is not canonical text.
 */
export function parseCanonicalRoster(text: string): RosterInput {
  const out = { villages: [] as VillageRow[], households: [] as HouseholdRecord[], projects: [] as ProjectRecord[], assets: [] as AssetRecord[], cadres: [] as CadreRecord[] };
  let section: (typeof SECTION_NAMES)[number] | null = null;
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.startsWith('#')) {
      const name = line.slice(1) as (typeof SECTION_NAMES)[number];
      if (!SECTION_NAMES.includes(name)) throw new RangeError(`canonical roster line ${lineNo}: unknown section ${line}`);
      section = name;
      continue;
    }
    if (section === null) throw new RangeError(`canonical roster line ${lineNo}: a record before any section`);
    const f = JSON.parse(line) as never[];
    switch (section) {
      case 'villages':
        out.villages.push({ code: f[0], name: f[1], townCode: f[2], townName: f[3], villageType: f[4], lng: f[5], lat: f[6] });
        break;
      case 'households':
        out.households.push({
          householdNo: f[0], headName: f[1], townName: f[2], villageName: f[3], villageCode: f[4], householdType: f[5], monitoringCategory: f[6],
          dibao: f[7], tekun: f[8], severeDisability: f[9], seriousIllness: f[10], elderlyAlone: f[11], members: f[12], incomePerCapita: f[13], lng: f[14], lat: f[15],
        });
        break;
      case 'projects':
        out.projects.push({ projectCode: f[0], name: f[1], year: f[2], townCode: f[3], villageCode: f[4], projectType: f[5], amountWan: f[6], status: f[7] });
        break;
      case 'assets':
        out.assets.push({ assetCode: f[0], name: f[1], kind: f[2], villageCode: f[3], lng: f[4], lat: f[5] });
        break;
      case 'cadres':
        out.cadres.push({ cadreNo: f[0], name: f[1], role: f[2], villageCode: f[3], phone: f[4] });
        break;
    }
  }
  return out;
}
