import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ImportJobDto, ImportKind, ImportProblem, SnapshotDto } from '@lookback/contracts';
import {
  canonicalRoster,
  parseAssetTable,
  parseCadreTable,
  parseHouseholdTable,
  parseProjectTable,
  parseVillageTable,
  readTable,
  RosterFormatError,
} from '@lookback/roster';
import type { EntityManager } from 'typeorm';
import { DATABASE, type Database } from '../common/database.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { canonicalSection, SECTIONS, sectionCount, splitSections } from '../roster/canonical-sections.js';
import { SnapshotsRepository } from '../roster/snapshots.repository.js';
import { ImportJobsRepository, type JobRecord } from './import-jobs.repository.js';
import { checkReferences, dataRowNumbers, type ParsedImport } from './reference-checks.js';

const MAX_PROBLEMS = 200;

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
        await this.load(tx, parsed, report);
        lap('load');
        const snapshot = await this.snapshot(tx, parsed, fileName);
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
   * Records the whole roster as it now stands as an immutable snapshot (canonical text, gzip, and
   * its SHA-256). Only the imported section is serialised anew when it can be: the other sections
   * are taken from the previous snapshot, after checking that snapshot against its own hash.
   */
  private async snapshot(tx: EntityManager, parsed: ParsedImport, fileName: string): Promise<SnapshotDto> {
    const canonical = (await this.incrementalCanonical(tx, parsed)) ?? canonicalRoster(await this.roster.readAll(tx));
    const sections = splitSections(canonical);
    const count = (kind: ImportKind) => sectionCount(sections.get(kind) ?? '#\n');
    return this.snapshots.insert(tx, {
      kind: parsed.kind,
      fileName,
      contentHash: sha256Hex(canonical),
      counts: { villages: count('villages'), households: count('households'), projects: count('projects'), assets: count('assets'), cadres: count('cadres') },
      // Level 1: within a few per cent of level 6 on this text, at a third of the time.
      content: gzipSync(canonical, { level: 1 }),
    });
  }

  private async incrementalCanonical(tx: EntityManager, parsed: ParsedImport): Promise<string | null> {
    // Village and town names appear in the household section: a villages import rewrites it all.
    if (parsed.kind === 'villages') return null;
    const previous = await this.snapshots.findLatestContent(tx);
    if (!previous) return null;
    const text = gunzipSync(previous.content).toString('utf8');
    if (sha256Hex(text) !== previous.contentHash) {
      this.logger.warn('latest snapshot does not match its hash: serialising the whole roster');
      return null;
    }
    const sections = splitSections(text);
    const table = ({ households: 'household', projects: 'project', assets: 'asset', cadres: 'cadre' } as const)[parsed.kind];
    const scope = [...new Set(parsed.kind === 'projects' ? parsed.records.map((p) => p.townCode) : parsed.records.map((r) => r.villageCode))];
    // The parsed records are exactly what was stored (names checked against the villages, numbers
    // stored exactly), so when they are the whole table they are its section.
    if (await this.roster.hasRowsOutside(tx, table, scope)) return null;
    sections.set(parsed.kind, canonicalSection(parsed.kind, parsed.records as never));
    return SECTIONS.map((kind) => sections.get(kind) ?? canonicalSection(kind, [])).join('');
  }

  assertKind(kind: string): ImportKind {
    if (!['villages', 'households', 'projects', 'assets', 'cadres'].includes(kind)) {
      throw new DomainError(ErrorCode.NotFound, `未知的导入类型“${kind.slice(0, 30)}”，可选：villages、households、projects、assets、cadres`);
    }
    return kind as ImportKind;
  }
}
