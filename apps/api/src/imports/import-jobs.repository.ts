import { Inject, Injectable } from '@nestjs/common';
import type { ImportJobDto, ImportKind, ImportProblem, SnapshotDto } from '@lookback/contracts';
import { DATABASE, type Database } from '../common/database.js';

interface JobRow {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: ImportJobDto['status'];
  progress: number;
  rowsTotal: number | null;
  rowsLoaded: number;
  problems: ImportProblem[];
  snapshotId: string | null;
  message: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Advisory lock class of running import jobs (the key is the job id's hash). */
const JOB_LOCK = `hashtext('lookback-import-job')`;

const COLUMNS = `id, kind, file_name AS "fileName", status, progress, rows_total AS "rowsTotal", rows_loaded AS "rowsLoaded",
  problems, snapshot_id AS "snapshotId", message, created_at AS "createdAt", finished_at AS "finishedAt"`;

export type JobRecord = Omit<ImportJobDto, 'snapshot'> & { snapshotId: string | null };

function toRecord(r: JobRow): JobRecord {
  return { ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null };
}

/** Import jobs: their progress is written outside the import's transaction so the UI can follow it. */
@Injectable()
export class ImportJobsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(kind: ImportKind, fileName: string): Promise<JobRecord> {
    const [row]: JobRow[] = await this.db.query(`INSERT INTO import_job (kind, file_name, status) VALUES ($1, $2, 'queued') RETURNING ${COLUMNS}`, [kind, fileName]);
    return toRecord(row);
  }

  async findById(id: string): Promise<JobRecord | null> {
    const rows: JobRow[] = await this.db.query(`SELECT ${COLUMNS} FROM import_job WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findRecent(limit: number): Promise<JobRecord[]> {
    const rows: JobRow[] = await this.db.query(`SELECT ${COLUMNS} FROM import_job ORDER BY created_at DESC LIMIT $1`, [limit]);
    return rows.map(toRecord);
  }

  async progress(id: string, status: ImportJobDto['status'], progress: number, rowsTotal: number | null, rowsLoaded: number): Promise<void> {
    // Never moves a finished job back: a late progress write must not undo 'done' or 'failed'.
    await this.db.query(`UPDATE import_job SET status = $2, progress = $3, rows_total = $4, rows_loaded = $5 WHERE id = $1 AND status NOT IN ('done', 'failed')`, [
      id,
      status,
      progress,
      rowsTotal,
      rowsLoaded,
    ]);
  }

  async fail(id: string, message: string, problems: ImportProblem[]): Promise<void> {
    await this.db.query(`UPDATE import_job SET status = 'failed', message = $2, problems = $3, finished_at = now() WHERE id = $1`, [id, message, JSON.stringify(problems)]);
  }

  async succeed(id: string, snapshot: SnapshotDto, rows: number): Promise<void> {
    await this.db.query(
      `UPDATE import_job SET status = 'done', progress = 1, rows_total = $3, rows_loaded = $3, snapshot_id = $2, finished_at = now(), message = NULL WHERE id = $1`,
      [id, snapshot.id, rows],
    );
  }

  /**
   * The instance running a job holds this session-level advisory lock until the job ends; the
   * lock goes with the connection when the process dies. It is how another instance tells a job
   * that is running elsewhere from one whose process is gone.
   */
  async holdRunning(id: string): Promise<() => Promise<void>> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(${JOB_LOCK}, hashtext($1))`, [id]);
    } catch (error) {
      await runner.release();
      throw error;
    }
    return async () => {
      await runner.query(`SELECT pg_advisory_unlock(${JOB_LOCK}, hashtext($1))`, [id]).catch(() => undefined);
      await runner.release();
    };
  }

  /**
   * Jobs left running by a process that died (their transaction was rolled back, so nothing
   * changed) are marked failed. A job whose lock is held is still running on another instance
   * and is left alone: starting a second API instance must not fail the first one's import.
   */
  async failInterrupted(): Promise<number> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const open: { id: string }[] = await runner.query(`SELECT id::text AS id FROM import_job WHERE status NOT IN ('done', 'failed')`);
      let n = 0;
      for (const { id } of open) {
        const [{ free }]: { free: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(${JOB_LOCK}, hashtext($1)) AS free`, [id]);
        if (!free) continue;
        try {
          const updated: unknown[] = await runner.query(
            `UPDATE import_job SET status = 'failed', finished_at = now(), message = '导入被服务器重启中断，数据未做任何更改，请重新导入'
             WHERE id = $1 AND status NOT IN ('done', 'failed') RETURNING 1`,
            [id],
          );
          n += updated.length;
        } finally {
          await runner.query(`SELECT pg_advisory_unlock(${JOB_LOCK}, hashtext($1))`, [id]);
        }
      }
      return n;
    } finally {
      await runner.release();
    }
  }
}
