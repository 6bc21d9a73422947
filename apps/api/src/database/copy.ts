import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Cell = string | number | boolean | null;

/** One value in PostgreSQL's COPY text format. */
function copyText(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Bulk-loads rows with COPY FROM STDIN (the fastest path into PostgreSQL), streaming in chunks
 * so memory stays flat. `onProgress` is called with the number of rows sent so far.
 */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly Cell[][],
  onProgress?: (sent: number) => void,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const CHUNK = 5000;
  function* chunks(): Generator<string> {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const end = Math.min(start + CHUNK, rows.length);
      let text = '';
      for (let i = start; i < end; i++) {
        const row = rows[i];
        for (let c = 0; c < row.length; c++) text += (c ? '\t' : '') + copyText(row[c]);
        text += '\n';
      }
      onProgress?.(end);
      yield text;
    }
  }
  await pipeline(Readable.from(chunks()), stream);
}
