import { createHash } from 'node:crypto';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ImportJobDto, ImportKind, ImportProblem, SnapshotDto } from '@lookback/contracts';
import {
  type CanonicalLine,
  canonicalLines,
  canonicalRoster,
  canonicalSectionOfLines,
  canonicalSectionText,
  parseAssetTable,
  parseCadreTable,
  parseHouseholdTable,
  parseProjectTable,
  parseVillageTable,
  readTable,
  RosterFormatError,
  type RosterInput,
} from '@lookback/roster';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { SECTIONS, sectionCount, splitSections } from '../roster/canonical-sections.js';
import { SnapshotsRepository } from '../roster/snapshots.repository.js';
import { ImportJobsRepository, type JobRecord } from './import-jobs.repository.js';
import { checkReferences, dataRowNumbers, type ParsedImport } from './reference-checks.js';

const MAX_PROBLEMS = 200;
/** Records per piece of an incremental snapshot: a few milliseconds of work between yields. */
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
  constructor(readonly problems: ImportProblem[]) {
    super('import rejected');
  }
}

function parse(kind: ImportKind, table: string[][]): ParsedImport {
  switch (kind) {
    case 'villages':
      return { kind, ...parseVillageTable(table) };
    case 'households':
      return { kind, ...parseHouseholdTable(table) };
    case 'projects':
      return { kind, ...parseProjectTable(table) };
    case 'assets':
      return { kind, ...parseAssetTable(table) };
    case 'cadres':
      return { kind, ...parseCadreTable(table) };
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
    const job = /^[0-9a-f-]{36}$/i.test(id) ? await this.jobs.findById(id) : null;
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
    try {
      await this.jobs.progress(id, 'parsing', 0.02, null, 0);
      let table: string[][];
      try {
        table = await readTable(bytes, fileName);
      } catch (error) {
        if (error instanceof RosterFormatError) return await this.jobs.fail(id, error.message, error.problems);
        throw error;
      }
      lap('read');
      await this.jobs.progress(id, 'validating', 0.1, Math.max(table.length - 1, 0), 0);
      const parsed = parse(kind, table);
      lap('parse');
      if (parsed.problems.length) return await this.jobs.fail(id, this.summary(parsed.problems), parsed.problems.slice(0, MAX_PROBLEMS + 1));
      const total = parsed.records.length;
      let lastReport = 0;
      // Progress goes out one write at a time, in order, on its own connection.
      let written = Promise.resolve();
      const report = (sent: number) => {
        const now = Date.now();
        if (now - lastReport < 250 && sent < total) return;
        lastReport = now;
        written = written.then(() => this.jobs.progress(id, 'loading', 0.2 + 0.6 * (sent / Math.max(total, 1)), total, sent)).catch(() => undefined);
      };
      await this.jobs.progress(id, 'loading', 0.2, total, 0);
      const snapshot = await this.db.transaction(async (tx) => {
        await this.roster.lockForImport(tx);
        const problems = await checkReferences(tx, this.roster, parsed, dataRowNumbers(table));
        if (problems.length) throw new ImportRejected(problems);
        lap('check');
        // The snapshot's text is built from the parsed records while PostgreSQL loads them, so the
        // two use a core each. What it needs from the database is read first: the load then holds
        // the transaction's connection.
        const previous = await this.previousSections(tx, parsed);
        const [, built] = await Promise.all([this.load(tx, parsed, report), previous ? this.buildIncremental(previous, parsed) : null]);
        lap('load');
        const snapshot = await this.snapshots.insert(tx, { kind: parsed.kind, fileName, ...(built ?? this.wholeContent(await this.roster.readAll(tx))) });
        lap('snapshot');
        return snapshot;
      });
      lap('commit');
      await written;
      await this.jobs.succeed(id, snapshot, total);
      this.logger.log(`import ${kind} ${fileName}: ${total} rows, snapshot ${snapshot.contentHash.slice(0, 12)}, ms ${JSON.stringify(timings)}`);
    } catch (error) {
      if (error instanceof ImportRejected) {
        await this.jobs.fail(id, this.summary(error.problems), error.problems.slice(0, MAX_PROBLEMS + 1));
        return;
      }
      this.logger.error(`import ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await this.jobs.fail(id, '导入失败：服务器处理出错，数据未做任何更改。请稍后重试或联系管理员。', []).catch(() => undefined);
    }
  }

  private summary(problems: ImportProblem[]): string {
    const first = problems[0]?.message ?? '';
    return `文件有 ${problems.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS} 个以上` : problems.length + ' 个'}问题，未导入任何数据。第一个问题：${first}`;
  }

  private async load(tx: EntityManager, parsed: ParsedImport, report: (sent: number) => void): Promise<void> {
    switch (parsed.kind) {
      case 'villages':
        await this.roster.upsertRegions(tx, parsed.records, this.countyNames);
        return report(parsed.records.length);
      case 'households':
        return this.roster.replaceHouseholds(tx, parsed.records, report);
      case 'projects':
        return this.roster.replaceProjects(tx, parsed.records, report);
      case 'assets':
        return this.roster.replaceAssets(tx, parsed.records, report);
      case 'cadres':
        return this.roster.replaceCadres(tx, parsed.records, report);
    }
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
   * The sections of the latest snapshot, when the new one can be built from them and the parsed
   * records alone: the import is not of villages, the latest snapshot matches its own hash, and the
   * imported table holds no rows outside the import's villages (towns), so the parsed records —
   * exactly what is stored — are its whole section. Null: serialise the whole roster after the load.
   */
  private async previousSections(tx: EntityManager, parsed: ParsedImport): Promise<Map<ImportKind, string> | null> {
    if (parsed.kind === 'villages') return null;
    const previous = await this.snapshots.findLatestContent(tx);
    if (!previous) return null;
    const text = gunzipSync(previous.content).toString('utf8');
    if (sha256Hex(text) !== previous.contentHash) {
      this.logger.warn('latest snapshot does not match its hash: serialising the whole roster');
      return null;
    }
    const table = ({ households: 'household', projects: 'project', assets: 'asset', cadres: 'cadre' } as const)[parsed.kind];
    const scope = [...new Set(parsed.kind === 'projects' ? parsed.records.map((p) => p.townCode) : parsed.records.map((r) => r.villageCode))];
    // The load replaces rows inside the scope only, so asking before it gives the answer after it.
    if (await this.roster.hasRowsOutside(tx, table, scope)) return null;
    return splitSections(text);
  }

  /**
   * The new snapshot from the previous one's other sections and the parsed records' section, built
   * a piece at a time and yielding between pieces, so the load's COPY keeps streaming meanwhile;
   * gzip runs on libuv's thread pool as the pieces arrive.
   */
  private async buildIncremental(previous: Map<ImportKind, string>, parsed: ParsedImport): Promise<SnapshotContent> {
    const records: readonly unknown[] = parsed.records;
    const lines: CanonicalLine[] = [];
    for (let i = 0; i < records.length; i += PIECE) {
      await yieldToIo();
      for (const line of canonicalLines(parsed.kind, records.slice(i, i + PIECE) as never)) lines.push(line);
    }
    await yieldToIo();
    const section = canonicalSectionOfLines(parsed.kind, lines);
    const hash = createHash('sha256');
    const gzip = createGzip({ level: 1 });
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    const compressed = new Promise<void>((resolve, reject) => gzip.on('end', resolve).on('error', reject));
    const write = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      gzip.write(bytes);
    };
    const counts = {} as SnapshotDto['counts'];
    for (const kind of SECTIONS) {
      if (kind !== parsed.kind) {
        const text = previous.get(kind) ?? canonicalSectionText(kind, []);
        counts[kind] = sectionCount(text);
        write(text);
        continue;
      }
      counts[kind] = section.length - 1;
      for (let i = 0; i < section.length; i += PIECE) {
        await yieldToIo();
        write(section.slice(i, i + PIECE).join(''));
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
