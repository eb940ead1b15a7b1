import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify';
import type { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import { pipeline } from 'node:stream/promises';
import type { Statement } from '@tpm/reporting-projections';

/** `?format=csv` or `Accept: text/csv` (before JSON). */
export const wantsCsv = (req: Request, format?: string): boolean =>
  format === 'csv' || (format === undefined && /text\/csv/.test(req.headers.accept ?? '') && !/application\/json/.test((req.headers.accept ?? '').split('text/csv')[0]));

const headers = (res: Response, name: string) => {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
};

const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

/** Small, already computed rows as CSV. */
export async function sendCsv(res: Response, name: string, rows: Record<string, unknown>[]): Promise<void> {
  headers(res, name);
  const csv = stringify({ header: true, columns: rows.length ? Object.keys(rows[0]) : ['empty'], cast: { date: (d) => d.toISOString(), object: (o) => JSON.stringify(o) } });
  await pipeline(
    (async function* () {
      for (const r of rows) yield Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)]));
    })(),
    csv,
    res,
  );
}

/**
 * Streams a statement's rows as CSV through a server-side cursor: rows are read 1000 at a time
 * and written as the client takes them, so an export of 10^5 rows never sits in memory.
 */
export async function streamCsv(pool: Pool, res: Response, name: string, statement: Statement, columns: string[]): Promise<number> {
  const client = await pool.connect();
  let rows = 0;
  try {
    const source = client.query(new QueryStream(statement.sql, statement.params, { batchSize: 1000 }));
    headers(res, name);
    const csv = stringify({ header: true, columns, cast: { date: (d) => d.toISOString(), object: (o) => JSON.stringify(o) } });
    await pipeline(
      source,
      async function* (src: AsyncIterable<Record<string, unknown>>) {
        for await (const r of src) {
          rows++;
          yield r;
        }
      },
      csv,
      res,
    );
    return rows;
  } finally {
    client.release();
  }
}
