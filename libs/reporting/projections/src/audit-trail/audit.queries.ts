import { DomainError } from '@tpm/kernel';
import type { DataSource } from 'typeorm';
import { AUDIT_TABLE } from './audit-trail.projection';

export interface AuditSearch {
  streamId?: string;
  type?: string;
  businessUnitId?: string;
  /** The actor's subject, e.g. `user:ana`. */
  actor?: string;
  correlationId?: string;
  /** occurredAt >= from */
  from?: string | Date;
  /** occurredAt < to */
  to?: string | Date;
  /** Default 100, at most 1000. */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string | null;
}

export interface AuditItem {
  eventId: string;
  type: string;
  context: string;
  streamId: string;
  streamVersion: number;
  /** Position in the producing service's own log. */
  position: number;
  occurredAt: string;
  recordedAt: string;
  actor: { subject: string; roles: string[] };
  correlationId: string;
  causationId: string | null;
  businessUnitId: string | null;
  data: unknown;
}

export interface AuditPage {
  items: AuditItem[];
  /** Cursor for the following page; null when this page is the last. */
  next: string | null;
}

export class InvalidAuditCursor extends DomainError {
  readonly code = 'INVALID_CURSOR';
  override readonly kind = 'invalid' as const;
  constructor(cursor: string) {
    super(`after: not a cursor returned by this search: ${cursor}`, { field: 'after' });
  }
}

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

// Opaque so callers do not build their own: the seq behind it is an implementation detail that
// a rebuild renumbers.
const encodeCursor = (seq: string) => Buffer.from(`seq:${seq}`).toString('base64url');
const decodeCursor = (cursor: string): string => {
  const m = /^seq:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InvalidAuditCursor(cursor);
  return m[1];
};

/** A row of the audit table as node-postgres returns it. */
interface AuditRow {
  cursor_seq?: string;
  event_id: string;
  type: string;
  context: string;
  stream_id: string;
  stream_version: number;
  source_position: string;
  occurred_at: Date | string;
  recorded_at: Date | string;
  actor: { subject: string; roles: string[] };
  correlation_id: string;
  causation_id: string | null;
  business_unit_id: string | null;
  data: unknown;
}

const toItem = (r: AuditRow): AuditItem => ({
  eventId: r.event_id,
  type: r.type,
  context: r.context,
  streamId: r.stream_id,
  streamVersion: r.stream_version,
  position: Number(r.source_position),
  occurredAt: new Date(r.occurred_at).toISOString(),
  recordedAt: new Date(r.recorded_at).toISOString(),
  actor: r.actor,
  correlationId: r.correlation_id,
  causationId: r.causation_id,
  businessUnitId: r.business_unit_id,
  data: r.data,
});

/** Reads of the audit trail; plain SQL, keyset-paged by seq. */
export class AuditQueries {
  constructor(private readonly db: DataSource) {}

  async search(q: AuditSearch = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? DEFAULT_AUDIT_LIMIT), 1), MAX_AUDIT_LIMIT);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.streamId) add('stream_id = ?', q.streamId);
    if (q.type) add('type = ?', q.type);
    if (q.businessUnitId) add('business_unit_id = ?', q.businessUnitId);
    if (q.actor) add('actor_subject = ?', q.actor);
    if (q.correlationId) add('correlation_id = ?', q.correlationId);
    if (q.from) add('occurred_at >= ?::timestamptz', new Date(q.from).toISOString());
    if (q.to) add('occurred_at < ?::timestamptz', new Date(q.to).toISOString());
    if (q.after) add('seq > ?::bigint', decodeCursor(q.after));
    params.push(limit + 1);
    const rows: AuditRow[] = await this.db.query(
      `SELECT seq::text AS cursor_seq, * FROM ${AUDIT_TABLE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toItem), next: rows.length > limit ? encodeCursor(page[page.length - 1].cursor_seq!) : null };
  }

  /** Everything one business action caused, across services, in the order it happened. */
  async correlationChain(correlationId: string): Promise<AuditItem[]> {
    const rows: AuditRow[] = await this.db.query(
      `SELECT * FROM ${AUDIT_TABLE} WHERE correlation_id = $1 ORDER BY occurred_at, seq LIMIT 10000`,
      [correlationId],
    );
    return rows.map(toItem);
  }
}
