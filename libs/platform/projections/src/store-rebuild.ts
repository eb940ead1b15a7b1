import type { ContextName } from '@tpm/contracts';
import { START, type LogPosition } from '@tpm/event-store';
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
  const limit = options.batchSize ?? 1_000;
  const shadow = shadowTables(projection);

  // A counting pass first: the progress bar needs a total, and the store keeps no count.
  let total = 0;
  for (let after: LogPosition = START; ; ) {
    const { events, next } = await store.readAll({ after, limit, types });
    total += events.length;
    if (events.length < limit) break;
    after = next;
  }
  await createShadowTables(dataSource, projection);
  logger.info({ projection: projection.name, version: projection.version, total, tables: Object.values(shadow) }, 'rebuild replaying the store into shadow tables');

  let position: LogPosition = START;
  let done = 0;
  let swapped = false;
  options.onProgress?.(done, total);
  /** One read into the shadows; false once nothing new is safely visible. */
  const replay = async (tx: EntityManager): Promise<boolean> => {
    const { events, next } = await store.readAll({ after: position, limit, types });
    if (next === position) return false;
    await applyStoreEvents(projection, context, events, tx, shadow);
    position = next;
    done += events.length;
    total = Math.max(total, done);
    options.onProgress?.(done, total);
    return true;
  };
  try {
    while (await dataSource.transaction(replay));
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
