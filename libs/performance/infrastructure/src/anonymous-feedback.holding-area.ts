import { createHmac, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { AnonymousFeedbackHoldingArea, Ballot, HeldEntry, PersonalCopies, ReleaseSession, SealingSession } from '@tpm/performance-application';

/** The key of the stage whose entries are held: one per cycle, for its review. */
const STAGE = 'review';
const lockOf = (cycleId: string) => `feedback-hold:${cycleId}`;

/** HMAC-SHA256 over NUL-separated parts: the same reviewer and appraisal always give the same 32 bytes, under this key only. */
const mac = (key: Buffer, ...parts: string[]) => createHmac('sha256', key).update(parts.join('\u0000')).digest();

class Sealing implements SealingSession {
  constructor(
    private readonly client: PoolClient,
    private readonly cycleId: string,
  ) {}

  private async key(create: boolean): Promise<Buffer | null> {
    // Made by the first entry of the stage; concurrent first entries agree on one.
    if (create) await this.client.query(`INSERT INTO feedback_hold.stage_keys (cycle_id, stage, key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [this.cycleId, STAGE, randomBytes(32)]);
    const { rows } = await this.client.query<{ key: Buffer }>(`SELECT key FROM feedback_hold.stage_keys WHERE cycle_id = $1 AND stage = $2`, [this.cycleId, STAGE]);
    return rows[0]?.key ?? null;
  }

  private macs(key: Buffer, b: Ballot) {
    return { reviewer: mac(key, 'reviewer', b.reviewerId, b.cycleId, b.employeeId), request: mac(key, 'request', b.reviewerId, b.feedbackId) };
  }

  async sealed(ballot: Ballot): Promise<'no' | 'this-request' | 'another'> {
    const key = await this.key(false);
    if (!key) return 'no';
    const m = this.macs(key, ballot);
    const { rows } = await this.client.query<{ request_mac: Buffer }>(`SELECT request_mac FROM feedback_hold.entries WHERE reviewer_mac = $1`, [m.reviewer]);
    if (!rows.length) return 'no';
    return rows[0].request_mac.equals(m.request) ? 'this-request' : 'another';
  }

  async hold(ballot: Ballot, e: HeldEntry): Promise<boolean> {
    const key = (await this.key(true))!;
    const m = this.macs(key, ballot);
    const inserted = await this.client.query(
      `INSERT INTO feedback_hold.entries (reviewer_mac, request_mac, cycle_id, employee_id, event_id, feedback_id, relation, rating, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (reviewer_mac) DO NOTHING`,
      [m.reviewer, m.request, this.cycleId, e.employeeId, e.eventId, e.feedbackId, e.relation, e.rating, e.comment],
    );
    return inserted.rowCount === 1;
  }
}

class Release implements ReleaseSession {
  constructor(
    private readonly client: PoolClient,
    private readonly cycleId: string,
  ) {}

  async held(): Promise<HeldEntry[]> {
    const { rows } = await this.client.query<HeldEntry>(
      `SELECT event_id::text AS "eventId", feedback_id::text AS "feedbackId", employee_id AS "employeeId", relation, rating, comment
         FROM feedback_hold.entries WHERE cycle_id = $1 FOR UPDATE`,
      [this.cycleId],
    );
    return rows;
  }

  async destroy(): Promise<void> {
    await this.client.query(`DELETE FROM feedback_hold.entries WHERE cycle_id = $1`, [this.cycleId]);
    await this.client.query(`DELETE FROM feedback_hold.stage_keys WHERE cycle_id = $1`, [this.cycleId]);
  }
}

/**
 * The holding area in the performance database (schema `feedback_hold`). A row holds what was
 * said, two keyed hashes (reviewer + appraisal: one entry each; reviewer + request id: a retry) and
 * two random ids; no reviewer, no timestamp, no serial number that would tell the order of sealing.
 * The per-cycle stage key sits beside it and is deleted at release with the rows.
 */
export class PostgresAnonymousFeedbackHoldingArea implements AnonymousFeedbackHoldingArea, PersonalCopies {
  /**
   * Give it a pool of its own: a sealing or release holds one of its connections while the event
   * store (on the service pool) reads and appends, so sharing one pool could exhaust it and wait forever.
   */
  constructor(private readonly pool: Pool) {}

  close(): Promise<void> {
    return this.pool.end();
  }

  async ensureSchema(): Promise<void> {
    await this.inTransaction(async (client) => {
      // Two replicas starting together would race on CREATE … IF NOT EXISTS.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('tpm.performance.feedback_hold'))`);
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS feedback_hold;
        CREATE TABLE IF NOT EXISTS feedback_hold.stage_keys (
          cycle_id text NOT NULL,
          stage    text NOT NULL,
          key      bytea NOT NULL,
          PRIMARY KEY (cycle_id, stage)
        );
        CREATE TABLE IF NOT EXISTS feedback_hold.entries (
          reviewer_mac bytea PRIMARY KEY,
          request_mac  bytea NOT NULL,
          cycle_id     text NOT NULL,
          employee_id  text NOT NULL,
          event_id     uuid NOT NULL UNIQUE,
          feedback_id  uuid NOT NULL,
          relation     text NOT NULL,
          rating       int NOT NULL,
          comment      text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS entries_cycle ON feedback_hold.entries (cycle_id);`);
    });
  }

  sealing<T>(cycleId: string, work: (session: SealingSession) => Promise<T>): Promise<T> {
    return this.inTransaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [lockOf(cycleId)]);
      return work(new Sealing(client, cycleId));
    });
  }

  releasing<T>(cycleId: string, work: (session: ReleaseSession) => Promise<T>): Promise<T> {
    return this.inTransaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockOf(cycleId)]);
      return work(new Release(client, cycleId));
    });
  }

  /**
   * An erasure of the reviewee blanks what was said about them while it waits (the rating stays,
   * like every figure). Released entries are events, sealed under the reviewee's key.
   */
  async eraseAbout(employeeId: string): Promise<number> {
    const { rowCount } = await this.pool.query(`UPDATE feedback_hold.entries SET comment = '[erased]' WHERE employee_id = $1`, [employeeId]);
    return rowCount ?? 0;
  }

  async cyclesHolding(): Promise<string[]> {
    const { rows } = await this.pool.query<{ cycle_id: string }>(
      `SELECT cycle_id FROM feedback_hold.entries UNION SELECT cycle_id FROM feedback_hold.stage_keys ORDER BY cycle_id`,
    );
    return rows.map((r) => r.cycle_id);
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}
