import { createHash } from 'node:crypto';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ImportJobDto, ImportKind, ImportProblem, SnapshotDto } from '@lookback/contracts';
import { isUuid } from '@lookback/fieldwork';
import {
  canonicalRoster,
  canonicalSectionText,
  CanonicalSectionWriter,
  MAX_PROBLEMS,
  openTable,
  RosterFormatError,
  type TableRows,
  type RosterInput,
  type RosterRecords,
  rosterTableParser,
  type VillageRow,
} from '@lookback/roster';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { ROW_COPY, RosterRepository, type RowKind, BULK_HOUSEHOLD_ROWS } from '../roster/roster.repository.js';
import { SECTIONS, sectionCount, splitSections } from '../roster/canonical-sections.js';
import { SnapshotsRepository } from '../roster/snapshots.repository.js';
import { ImportJobsRepository, type JobRecord } from './import-jobs.repository.js';
import { streamXlsxRows } from './xlsx-rows.js';
import { checkKeysElsewhere, checkVillageRows, type Places, ReferenceProblems, ROW_TARGETS } from './reference-checks.js';

/** Rows read between two yields to the event loop, and rows per piece of COPY text. */
const PIECE = 5000;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

interface SnapshotContent {
  contentHash: string;
  counts: SnapshotDto['counts'];
  content: Buffer;
}

/** SHA-256 of the canonical text: by definition the same as rosterHash() of the records. */
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Thrown inside the import transaction to roll it back with the problems found. */
class ImportRejected extends Error {
  constructor(
    readonly problems: ImportProblem[],
    /** The job's message; by default a summary of the problems. */
    readonly summary?: string,
  ) {
    super('import rejected');
  }
}

/** A row file read and checked in one pass: what the load and the snapshot need, and no more. */
interface ReadRows {
  /** The natural key and spreadsheet row number of each record, in file order. */
  keys: string[];
  rows: number[];
  /** The villages (towns, for projects) the file's rows belong to: the rows it replaces. */
  scope: string[];
  /** The records as COPY text, a piece at a time. */
  chunks: Buffer[];
  /** The file's section of the canonical form. */
  section: CanonicalSectionWriter;
}

/**
 * Progress writes of one job: at most one each 250 ms, one at a time and in order, on their own
 * connection (never the import's transaction); `settled` when the last has been written.
 */
class ProgressWriter {
  private last = 0;
  private written = Promise.resolve();

  constructor(
    private readonly jobs: ImportJobsRepository,
    private readonly id: string,
  ) {}

  report(status: ImportJobDto['status'], progress: number, total: number | null, done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    this.written = this.written.then(() => this.jobs.progress(this.id, status, progress, total, done)).catch(() => undefined);
  }

  get settled(): Promise<void> {
    return this.written;
  }
}

/**
 * Imports roster files (CSV or XLSX) all-or-nothing: parse, validate every row, check references
 * against the database, then load with COPY and record an immutable roster snapshot — all in one
 * transaction. A rejected file answers every problem found (row, column, reason) and changes nothing.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);
  /** County names known to the deployment (the import files carry only codes). */
  private readonly countyNames = new Map<string, string>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly jobs: ImportJobsRepository,
    private readonly roster: RosterRepository,
    private readonly snapshots: SnapshotsRepository,
  ) {}

  nameCounty(code: string, name: string): void {
    this.countyNames.set(code, name);
  }

  /** Starts an import in the background and answers its job at once; the UI polls its progress. */
  async start(kind: ImportKind, fileName: string, bytes: Uint8Array): Promise<ImportJobDto> {
    const job = await this.jobs.create(kind, fileName);
    // Held before answering, so no other instance starting meanwhile takes the job for interrupted.
    const release = await this.jobs.holdRunning(job.id);
    void this.run(job.id, kind, fileName, bytes)
      .catch((error: unknown) => this.logger.error(`import ${job.id} crashed: ${String(error)}`))
      .finally(() => release());
    return this.toDto(job);
  }

  /** Runs an import to its end (used by the demo loader and tests). */
  async runToEnd(kind: ImportKind, fileName: string, bytes: Uint8Array): Promise<ImportJobDto> {
    const job = await this.jobs.create(kind, fileName);
    const release = await this.jobs.holdRunning(job.id);
    try {
      await this.run(job.id, kind, fileName, bytes);
    } finally {
      await release();
    }
    return this.get(job.id);
  }

  async get(id: string): Promise<ImportJobDto> {
    const job = isUuid(id) ? await this.jobs.findById(id) : null;
    if (!job) throw notFound('导入任务');
    return this.toDto(job);
  }

  async recent(): Promise<ImportJobDto[]> {
    return Promise.all((await this.jobs.findRecent(20)).map((j) => this.toDto(j)));
  }

  failInterrupted(): Promise<number> {
    return this.jobs.failInterrupted();
  }

  private async toDto(job: JobRecord): Promise<ImportJobDto> {
    const { snapshotId, ...rest } = job;
    const snapshot: SnapshotDto | null = snapshotId ? await this.snapshots.findById(snapshotId) : null;
    return { ...rest, snapshot };
  }

  private async run(id: string, kind: ImportKind, fileName: string, bytes: Uint8Array): Promise<void> {
    const timings: Record<string, number> = {};
    let mark = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      timings[phase] = Math.round(now - mark);
      mark = now;
    };
    const progress = new ProgressWriter(this.jobs, id);
    try {
      await this.jobs.progress(id, 'parsing', 0.02, null, 0);
      let table: TableRows;
      try {
        table = await openTable(bytes, fileName, streamXlsxRows, kind);
      } catch (error) {
        if (error instanceof RosterFormatError) return await this.jobs.fail(id, error.message, error.problems);
        throw error;
      }
      lap('open');
      const { rows, sheet } = table;
      const estimate = Math.max(table.estimatedRows - 1, 1);
      // A workbook read as it inflates (the only asynchronous source) has its row count only
      // guessed from its size: the bar moves, no total is shown.
      const inflating = Symbol.asyncIterator in rows;
      const shownTotal = inflating ? null : estimate;
      progress.report('validating', 0.05, shownTotal, 0, true);
      const { snapshot, total } = await this.db.transaction(async (tx) => {
        await this.roster.lockForImport(tx);
        if (kind === 'villages') {
          const villages = await this.readVillages(rows, sheet);
          lap('parse');
          await this.roster.upsertRegions(tx, villages, this.countyNames);
          lap('load');
          const snapshot = await this.snapshots.insert(tx, { kind, fileName, ...this.wholeContent(await this.roster.readAll(tx)) });
          lap('snapshot');
          return { snapshot, total: villages.length };
        }
        // A county's households (CSV) go into the table while the file is read; a workbook read as
        // it inflates takes ten times as long, too long to keep the table locked, and is loaded after.
        const streamed = kind === 'households' && estimate >= BULK_HOUSEHOLD_ROWS && !inflating;
        // Rows of a streamed file are loaded as they are validated: its job says 'loading' throughout.
        const onRead = (done: number) => progress.report(streamed ? 'loading' : 'validating', 0.05 + (streamed ? 0.75 : 0.45) * Math.min(done / estimate, 1), shownTotal, done);
        const places: Places = { villages: await this.roster.findVillageRefs(tx), towns: await this.roster.findTownNames(tx) };
        let read: ReadRows;
        if (streamed) {
          // PostgreSQL loads while Node reads, each on a core; a problem found on the way cancels
          // the COPY and rolls everything back.
          const copy = await this.roster.openHouseholdStream(tx);
          try {
            read = await this.readRows(kind, rows, sheet, places, onRead, (chunk) => copy.write(chunk));
            await copy.end();
          } catch (error) {
            await copy.abort(error);
            throw error;
          }
        } else {
          read = await this.readRows(kind, rows, sheet, places, onRead);
        }
        lap('parse');
        const problems = new ReferenceProblems();
        await checkKeysElsewhere(tx, this.roster, kind, read.keys, read.rows, read.scope, problems);
        if (!problems.empty) throw new ImportRejected(problems.items);
        lap('check');
        const { chunks } = read;
        const count = read.keys.length;
        progress.report('loading', streamed ? 0.8 : 0.5, count, streamed ? count : 0, true);
        const sent = (index: number) => {
          const done = Math.min((index + 1) * PIECE, count);
          progress.report('loading', 0.5 + 0.4 * (done / Math.max(count, 1)), count, done, done === count);
        };
        // The snapshot is ordered, hashed and compressed while PostgreSQL loads the rows (or
        // rebuilds the indexes of a streamed load), so the two use a core each. What it needs from
        // the database is read first: the load then holds the transaction's connection.
        const previous = await this.previousSections(tx, kind, read.scope);
        const load = streamed ? this.roster.finishHouseholdStream(tx, read.scope, count) : this.roster.replaceRows(tx, kind, read.scope, chunks, count, sent);
        const [, built] = await Promise.all([load, previous ? this.buildIncremental(previous, kind, read.section) : null]);
        lap('load');
        const snapshot = await this.snapshots.insert(tx, { kind, fileName, ...(built ?? this.wholeContent(await this.roster.readAll(tx))) });
        lap('snapshot');
        return { snapshot, total: count };
      });
      lap('commit');
      await progress.settled;
      await this.jobs.succeed(id, snapshot, total);
      this.logger.log(`import ${kind} ${fileName}: ${total} rows, snapshot ${snapshot.contentHash.slice(0, 12)}, ms ${JSON.stringify(timings)}`);
    } catch (error) {
      await progress.settled;
      if (error instanceof ImportRejected) {
        await this.jobs.fail(id, error.summary ?? this.summary(error.problems), error.problems.slice(0, MAX_PROBLEMS + 1));
        return;
      }
      this.logger.error(`import ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await this.jobs.fail(id, '导入失败：服务器处理出错，数据未做任何更改。请稍后重试或联系管理员。', []).catch(() => undefined);
    }
  }

  /** A villages file (a few hundred rows), parsed and checked whole; throws ImportRejected with its problems. */
  private async readVillages(rows: TableRows['rows'], sheet: string | undefined): Promise<VillageRow[]> {
    const parser = rosterTableParser('villages', sheet);
    const villages: VillageRow[] = [];
    const numbers: number[] = [];
    for await (const piece of this.pieces(rows)) {
      for (const cells of piece) {
        const village = parser.push(cells);
        if (village === undefined) continue;
        villages.push(village);
        numbers.push(parser.row);
      }
    }
    const problems = parser.finish();
    if (problems.length) throw new ImportRejected(problems);
    const references = new ReferenceProblems();
    checkVillageRows(villages, numbers, references);
    if (!references.empty) throw new ImportRejected(references.items);
    return villages;
  }

  /**
   * Reads a row file in one pass: each row is validated, checked against the villages (towns) the
   * database knows, and written as COPY text and as its canonical line, with no table of cells or
   * list of records kept. Yields to the event loop every PIECE rows. Throws ImportRejected with the
   * file's problems — those of the file itself first; those against the database only when the
   * file itself is sound, as the user fixes them in that order.
   */
  private async readRows<K extends RowKind>(
    kind: K,
    rows: TableRows['rows'],
    /** The worksheet read, when the workbook has several (`TableRows.sheet`). */
    sheet: string | undefined,
    places: Places,
    onRead: (rows: number) => void,
    /** Where each piece of COPY text goes as soon as it is written; without it they are kept in `chunks`. */
    send?: (chunk: Buffer) => Promise<void>,
  ): Promise<ReadRows> {
    const parser = rosterTableParser(kind, sheet);
    const target = ROW_TARGETS[kind];
    const { line: copyLine } = ROW_COPY[kind];
    const references = new ReferenceProblems();
    const read: ReadRows = { keys: [], rows: [], scope: [], chunks: [], section: new CanonicalSectionWriter(kind) };
    const scope = new Set<string>();
    let text = '';
    const flush = async () => {
      const chunk = Buffer.from(text, 'utf8');
      text = '';
      if (send) await send(chunk);
      else read.chunks.push(chunk);
    };
    let seen = 0;
    for await (const piece of this.pieces(rows)) {
      for (const cells of piece) {
        const record: RosterRecords[K] | undefined = parser.push(cells);
        if (record === undefined) continue;
        target.check(record, parser.row, places, references);
        // The import will be refused: only problems are collected from here on.
        if (!references.empty) continue;
        read.keys.push(target.key(record));
        read.rows.push(parser.row);
        scope.add(target.scope(record));
        text += copyLine(record);
        read.section.add(record);
        if (read.keys.length % PIECE === 0) await flush();
      }
      seen += piece.length;
      onRead(seen);
      await yieldToIo();
    }
    const problems = parser.finish();
    if (problems.length) throw new ImportRejected(problems);
    if (!references.empty) throw new ImportRejected(references.items);
    if (text !== '') await flush();
    read.scope = [...scope];
    return read;
  }

  /**
   * The file's rows PIECE at a time (a CSV's parsed as they are taken, an XLSX's read as it is
   * inflated); a syntax error met on the way rejects the import with its message.
   */
  private async *pieces(rows: TableRows['rows']): AsyncGenerator<string[][]> {
    let piece: string[][] = [];
    try {
      for await (const cells of rows) {
        piece.push(cells);
        if (piece.length === PIECE) {
          yield piece;
          piece = [];
        }
      }
    } catch (error) {
      if (error instanceof RosterFormatError) throw new ImportRejected(error.problems, error.message);
      throw error;
    }
    if (piece.length) yield piece;
  }

  private summary(problems: ImportProblem[]): string {
    const first = problems[0]?.message ?? '';
    // More than MAX_PROBLEMS: the last one says how many more were not listed.
    return `文件有 ${problems.length > MAX_PROBLEMS ? `${MAX_PROBLEMS} 个以上` : problems.length + ' 个'}问题，未导入任何数据。第一个问题：${first}`;
  }

  /**
   * A snapshot holds the whole roster as it stands after the import: canonical text (gzip) and its
   * SHA-256. Serialised whole from the database, as here, after a villages import (village and
   * town names appear in the household section) or when the sections cannot be carried over.
   */
  private wholeContent(roster: RosterInput): SnapshotContent {
    const canonical = canonicalRoster(roster);
    return {
      contentHash: sha256Hex(canonical),
      // One line per record in each section.
      counts: { villages: roster.villages.length, households: roster.households.length, projects: roster.projects.length, assets: roster.assets.length, cadres: roster.cadres.length },
      // Level 1: within a few per cent of level 6 on this text, at a third of the time.
      content: gzipSync(canonical, { level: 1 }),
    };
  }

  /**
   * The sections of the latest snapshot, when the new one can be built from them and the file's
   * records alone: the latest snapshot matches its own hash, and the imported table holds no rows
   * outside the import's villages (towns), so the file's records — exactly what is stored — are its
   * whole section. Null: serialise the whole roster after the load.
   */
  private async previousSections(tx: EntityManager, kind: RowKind, scope: string[]): Promise<Map<ImportKind, string> | null> {
    const previous = await this.snapshots.findLatestContent(tx);
    if (!previous) return null;
    const text = gunzipSync(previous.content).toString('utf8');
    if (sha256Hex(text) !== previous.contentHash) {
      this.logger.warn('latest snapshot does not match its hash: serialising the whole roster');
      return null;
    }
    // The load replaces rows inside the scope only, so asking before it gives the answer after it.
    if (await this.roster.hasRowsOutside(tx, kind, scope)) return null;
    return splitSections(text);
  }

  /**
   * The new snapshot from the previous one's other sections and the file's section (put in key
   * order here), hashed and compressed a piece at a time, yielding between pieces so the load's
   * COPY keeps streaming meanwhile; gzip runs on libuv's thread pool as the pieces arrive.
   */
  private async buildIncremental(previous: Map<ImportKind, string>, kind: RowKind, section: CanonicalSectionWriter): Promise<SnapshotContent> {
    await yieldToIo();
    const pieces = section.finish();
    const hash = createHash('sha256');
    const gzip = createGzip({ level: 1 });
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    const compressed = new Promise<void>((resolve, reject) => gzip.on('end', resolve).on('error', reject));
    const write = (bytes: Uint8Array) => {
      hash.update(bytes);
      gzip.write(bytes);
    };
    const counts = {} as SnapshotDto['counts'];
    for (const name of SECTIONS) {
      if (name !== kind) {
        const text = previous.get(name) ?? canonicalSectionText(name, []);
        counts[name] = sectionCount(text);
        write(Buffer.from(text, 'utf8'));
        continue;
      }
      counts[name] = section.count;
      for (const piece of pieces) {
        write(piece);
        await yieldToIo();
      }
    }
    gzip.end();
    await compressed;
    return { contentHash: hash.digest('hex'), counts, content: Buffer.concat(chunks) };
  }

  assertKind(kind: string): ImportKind {
    if (!['villages', 'households', 'projects', 'assets', 'cadres'].includes(kind)) {
      throw new DomainError(ErrorCode.NotFound, `未知的导入类型“${kind.slice(0, 30)}”，可选：villages、households、projects、assets、cadres`);
    }
    return kind as ImportKind;
  }
}
