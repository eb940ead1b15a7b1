import type { Pool, PoolClient } from 'pg';

/**
 * A session-level PostgreSQL advisory lock held on a dedicated connection: exactly one replica
 * runs a relay or a consumer role; when its process dies the connection closes, the lock frees,
 * and a standby takes over.
 */
export class AdvisoryLeadership {
  private client: PoolClient | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly name: string,
  ) {}

  get held(): boolean {
    return this.client !== null;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [this.name]);
      if (rows[0].ok) {
        // The session (and the lock with it) is gone: hand the broken client back to be discarded.
        client.on('error', (err) => {
          if (this.client !== client) return;
          this.client = null;
          client.release(err);
        });
        this.client = client;
        return true;
      }
      client.release();
      return false;
    } catch (e) {
      client.release();
      throw e;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.name]);
      client.release();
    } catch {
      client.release(true);
    }
  }
}
