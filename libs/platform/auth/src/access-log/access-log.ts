import type { Pool } from 'pg';

export interface AccessLogEntry {
  id: string;
  at: string;
  subject: string;
  roles: string[];
  /** What was read, e.g. `history.stream`, `audit.events`. */
  resource: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  correlationId: string | null;
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  next: string | null;
}

/**
 * Who read history, with which query, and when: in the service's own database (schema `auth`),
 * so the record of a read lives beside what was read and is written before the answer leaves.
 */
export class AccessLog {
  constructor(private readonly pool: Pool) {}

  async ensureSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Two replicas starting together would race on CREATE SCHEMA IF NOT EXISTS.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('tpm.auth.access_log'))`);
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS auth;
        CREATE TABLE IF NOT EXISTS auth.access_log (
          id             bigserial PRIMARY KEY,
          at             timestamptz NOT NULL DEFAULT now(),
          subject        text NOT NULL,
          roles          text[] NOT NULL,
          resource       text NOT NULL,
          method         text NOT NULL,
          path           text NOT NULL,
          query          jsonb NOT NULL,
          correlation_id text
        );
        CREATE INDEX IF NOT EXISTS access_log_subject ON auth.access_log (subject, at);`);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async record(e: Omit<AccessLogEntry, 'id' | 'at'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO auth.access_log (subject, roles, resource, method, path, query, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.subject, e.roles, e.resource, e.method, e.path.slice(0, 2000), JSON.stringify(e.query), e.correlationId],
    );
  }

  /** Oldest first, keyset-paged by id: `after` is the `next` of the previous page. */
  async list({ limit = 100, after }: { limit?: number; after?: string }): Promise<AccessLogPage> {
    const { rows } = await this.pool.query(
      `SELECT id::text, at, subject, roles, resource, method, path, query, correlation_id AS "correlationId"
         FROM auth.access_log WHERE ($1::bigint IS NULL OR id > $1::bigint) ORDER BY id LIMIT $2`,
      [after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit).map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    return { items: page, next: rows.length > limit ? page[page.length - 1].id : null };
  }
}
