import type { ContextName } from '@tpm/contracts';
import { START, type LogPosition, type ReadAllResult } from '@tpm/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { inProjectionBatch, writePosition } from './checkpoint.store';
import type { Projection } from './projection';
import { createLogger, type Logger } from '@tpm/logging';
import type { RebuildResult } from './projection-rebuild';
import { createShadowTables, dropShadowTables, shadowTables, swapShadowTables } from './shadow-tables';
import type { EventLog } from './store-feed';
import { applyStoreEvents, storeTypesOf } from './store-projection-runner';

export interface StoreRebuildOptions {
  projection: Projection;
  dataSource: DataSource;
  store: EventLog;
  context: ContextName;
  batchSize?: number;
  logger?: Logger;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Build beside, then swap, from the service's own store: replays the log from the start into
 * shadow tables while the live runner keeps going; then, under the batch lock (the live runner
 * waits), reads what was appended meanwhile, renames the shadows into place and sets the
 * checkpoint to the replayed position, in one transaction.
 */
export async function rebuildStoreProjection(options: StoreRebuildOptions): Promise<RebuildResult> {
  const { projection, dataSource, store, context } = options;
  const logger = options.logger ?? createLogger('projection-rebuild');
  const started = Date.now();
  const types = storeTypesOf(projection, context);
  // Large reads, one transaction each: per-batch costs (transaction, set-based statements) amortised.
  const limit = options.batchSize ?? 5_000;
  const shadow = shadowTables(projection);

  // The progress bar's total from the store's own count (one aggregate, no row read), so the log is
  // read once; a store without a count is counted by reading, as before.
  let total = store.countEvents ? await store.countEvents({ types }) : await countByReading(store, types, limit);
  await createShadowTables(dataSource, projection);
  logger.info({ projection: projection.name, version: projection.version, total, tables: Object.values(shadow) }, 'rebuild replaying the store into shadow tables');

  let position: LogPosition = START;
  let done = 0;
  let swapped = false;
  options.onProgress?.(done, total);
  const read = (after: LogPosition) => store.readAll({ after, limit, types });
  /** Applies one read into the shadows; false when it brought nothing new (nothing safely visible). */
  const apply = async (tx: EntityManager, { events, next }: ReadAllResult): Promise<boolean> => {
    if (next === position) return false;
    await applyStoreEvents(projection, context, events, tx, shadow);
    position = next;
    done += events.length;
    total = Math.max(total, done);
    options.onProgress?.(done, total);
    return true;
  };
  /** One read and its apply, in the caller's transaction (the catch-up under the lock). */
  const replay = async (tx: EntityManager): Promise<boolean> => apply(tx, await read(position));
  try {
    // The next read runs while this one is applied: the store and the read model are other
    // connections (often other servers), so reading overlaps writing instead of alternating.
    for (let page = await read(position); ; ) {
      const current = page;
      const prefetch = current.next === position ? null : read(current.next);
      // A failed apply leaves the prefetch unawaited: keep its rejection from going unhandled.
      prefetch?.catch(() => {});
      if (!(await dataSource.transaction((tx) => apply(tx, current)))) break;
      page = await prefetch!;
    }
    logger.info({ projection: projection.name, done, total }, 'rebuild catching up under the projection lock');
    await inProjectionBatch(dataSource, projection.name, async (tx) => {
      while (await replay(tx));
      await swapShadowTables(tx, projection);
      await writePosition(tx, projection.name, position);
    });
    swapped = true;
  } finally {
    if (!swapped) await dropShadowTables(dataSource, projection);
  }
  const result: RebuildResult = {
    projection: projection.name,
    version: projection.version,
    messages: done,
    applied: done,
    malformed: 0,
    tables: projection.tables,
    checkpoints: [{ topic: 'store', partition: 0, nextOffset: position }],
    durationMs: Date.now() - started,
  };
  logger.info({ ...result, checkpoints: undefined }, 'rebuild swapped into place');
  return result;
}

/** The count for a store that keeps none: one pass over the log. */
async function countByReading(store: EventLog, types: string[] | undefined, limit: number): Promise<number> {
  let total = 0;
  for (let after: LogPosition = START; ; ) {
    const { events, next } = await store.readAll({ after, limit, types });
    total += events.length;
    if (events.length < limit) return total;
    after = next;
  }
}
