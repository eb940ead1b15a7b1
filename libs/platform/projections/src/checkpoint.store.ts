import type { LogPosition } from '@tpm/event-store';
import type { DataSource, EntityManager } from 'typeorm';

export interface PartitionCheckpoint {
  topic: string;
  partition: number;
  nextOffset: string;
}

// Two lock spaces per projection: the session lock says which replica is active, the transaction
// lock serialises batches with a rebuild's swap. Sharing one key would make the swap wait forever
// on the active runner's session lock.
export const ACTIVE_LOCK = 'projection-active:';
export const BATCH_LOCK = 'projection-batch:';
export const lockKeySql = '(hashtextextended($1, 0))';

export async function lockProjectionBatch(tx: EntityManager, projection: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock${lockKeySql}`, [BATCH_LOCK + projection]);
}

/**
 * The one transaction shape of every runner, rebuild and processor: the projection's batch lock
 * first (so a rebuild's swap and a batch never interleave), then the writes and the checkpoint.
 */
export function inProjectionBatch<T>(dataSource: DataSource, projection: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (tx) => {
    await lockProjectionBatch(tx, projection);
    return work(tx);
  });
}

/** A store-fed projection's checkpoint: the store's opaque position token, or null before the first batch. */
export async function readPosition(db: Pick<EntityManager, 'query'>, projection: string): Promise<LogPosition | null> {
  const rows: { position: string }[] = await db.query('SELECT position FROM projection_positions WHERE projection = $1', [projection]);
  return rows[0]?.position ?? null;
}

/** Callers hold the batch lock and only ever pass a later position (or a rebuild's, on swap). */
export async function writePosition(tx: EntityManager, projection: string, position: LogPosition): Promise<void> {
  await tx.query(
    `INSERT INTO projection_positions (projection, position) VALUES ($1, $2)
     ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [projection, position],
  );
}

export async function readCheckpoints(db: Pick<EntityManager, 'query'>, projection: string, topics?: string[]): Promise<PartitionCheckpoint[]> {
  const rows: { topic: string; partition: number; next_offset: string }[] = await db.query(
    `SELECT topic, partition, next_offset::text AS next_offset FROM projection_checkpoints
      WHERE projection = $1 AND ($2::text[] IS NULL OR topic = ANY($2))`,
    [projection, topics ?? null],
  );
  return rows.map((r) => ({ topic: r.topic, partition: r.partition, nextOffset: r.next_offset }));
}

export async function readCheckpointForUpdate(tx: EntityManager, projection: string, topic: string, partition: number): Promise<bigint | null> {
  const rows: { next_offset: string }[] = await tx.query(
    `SELECT next_offset::text AS next_offset FROM projection_checkpoints
      WHERE projection = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
    [projection, topic, partition],
  );
  return rows.length ? BigInt(rows[0].next_offset) : null;
}

export async function writeCheckpoints(tx: EntityManager, projection: string, checkpoints: PartitionCheckpoint[]): Promise<void> {
  if (!checkpoints.length) return;
  // GREATEST: a checkpoint only moves forward, whoever writes it (live runner or rebuild swap).
  await tx.query(
    `INSERT INTO projection_checkpoints (projection, topic, partition, next_offset)
     SELECT $1, c->>'topic', (c->>'partition')::int, (c->>'nextOffset')::bigint FROM jsonb_array_elements($2::jsonb) c
     ON CONFLICT (projection, topic, partition) DO UPDATE
       SET next_offset = GREATEST(projection_checkpoints.next_offset, EXCLUDED.next_offset), updated_at = now()`,
    [projection, JSON.stringify(checkpoints)],
  );
}

/** A rebuild's swap sets the checkpoints to what the new tables hold, even when that is behind. */
export async function replaceCheckpoints(tx: EntityManager, projection: string, checkpoints: PartitionCheckpoint[]): Promise<void> {
  await tx.query('DELETE FROM projection_checkpoints WHERE projection = $1', [projection]);
  await writeCheckpoints(tx, projection, checkpoints);
}
