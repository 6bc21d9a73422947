import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { numberText } from '@lookback/roster';

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value in PostgreSQL's COPY text format (backslash, tab and line breaks escaped). */
export function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]) : value;
}

/** A nullable value in COPY text format: NULL is `\N`; numbers in JavaScript's shortest form. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  return typeof value === 'number' ? numberText(value) : copyText(value);
}

/**
 * Bulk-loads rows already written as COPY text (one line per row, columns in `columns` order)
 * with COPY FROM STDIN, the fastest path into PostgreSQL. `chunks` are sent one after the other;
 * `onSent` is called after each with its index.
 */
export async function copyChunks(client: PoolClient, table: string, columns: readonly string[], chunks: readonly Uint8Array[], onSent?: (index: number) => void): Promise<void> {
  const copy = new CopyWriter(client, table, columns);
  try {
    for (let i = 0; i < chunks.length; i++) {
      await copy.write(chunks[i]);
      onSent?.(i);
    }
    await copy.end();
  } catch (error) {
    await copy.abort(error);
    throw error;
  }
}

/**
 * A COPY FROM STDIN kept open while its rows are still being produced: `write` sends a piece of
 * COPY text (waiting while the socket is full), `end` completes the COPY, `abort` cancels it (the
 * server discards every row sent) and leaves the connection ready for the transaction's ROLLBACK.
 */
export class CopyWriter {
  private readonly stream: ReturnType<typeof copyFrom>;
  private failure: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(client: PoolClient, table: string, columns: readonly string[]) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    this.closed = new Promise((resolve) => this.stream.once('close', resolve));
    this.stream.on('error', (error: Error) => (this.failure ??= error));
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done).off('close', done);
        resolve();
      };
      this.stream.on('drain', done).on('close', done);
    });
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }

  async abort(reason: unknown): Promise<void> {
    if (!this.stream.destroyed) this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    await this.closed;
  }
}
