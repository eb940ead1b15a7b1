import { randomUUID } from 'node:crypto';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { applyMessages } from './batch.apply';
import { unseenMessages } from './batch.filter';
import { lockProjectionBatch, replaceCheckpoints, type PartitionCheckpoint } from './checkpoint.store';
import type { Projection } from './projection';
import { createLogger, type Logger } from '@tpm/logging';
import { createShadowTables, dropShadowTables, shadowTables, swapShadowTables } from './shadow-tables';

export interface RebuildOptions {
  projection: Projection;
  dataSource: DataSource;
  kafka: Kafka;
  topics: string[];
  logger?: Logger;
  /** Messages read so far against messages known to exist; `total` grows during the catch-up. */
  onProgress?: (done: number, total: number) => void;
}

export interface RebuildResult {
  projection: string;
  version: number;
  messages: number;
  applied: number;
  malformed: number;
  tables: string[];
  checkpoints: PartitionCheckpoint[];
  durationMs: number;
}

export { shadowTable } from './shadow-tables';
const key = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Build beside, then swap. Replays every topic from the log start into shadow tables while the
 * live runner keeps serving; then, holding the projection's batch lock (the live runner waits),
 * reads what arrived meanwhile, renames the shadow tables into place and sets the checkpoints to
 * the replayed offsets, all in one transaction. The live runner then resumes past them.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { projection, dataSource, kafka, topics } = options;
  const logger = options.logger ?? createLogger('projection-rebuild');
  const started = Date.now();
  const shadow = shadowTables(projection);
  await createShadowTables(dataSource, projection);

  const admin = kafka.admin();
  await admin.connect();
  const next = new Map<string, bigint>();
  const target = new Map<string, bigint>();
  let total = 0;
  let done = 0;
  let applied = 0;
  let malformed = 0;
  const readWatermarks = async () => {
    for (const topic of topics) {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        const k = key(topic, o.partition);
        if (!next.has(k)) {
          next.set(k, BigInt(o.low));
          total += Number(BigInt(o.high) - BigInt(o.low));
        } else {
          total += Math.max(0, Number(BigInt(o.high) - (target.get(k) ?? 0n)));
        }
        target.set(k, BigInt(o.high));
      }
    }
  };
  await readWatermarks();
  options.onProgress?.(done, total);
  logger.info({ projection: projection.name, version: projection.version, total, tables: Object.values(shadow) }, 'rebuild replaying into shadow tables');

  let phase = 'replay' as 'replay' | 'catch-up' | 'done';
  let swapTx: QueryRunner | null = null;
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const reachedTargets = () => [...target].every(([k, high]) => (next.get(k) ?? 0n) >= high);

  const swap = async (tx: EntityManager) => {
    await swapShadowTables(tx, projection);
    const checkpoints = [...next].map(([k, offset]) => {
      const i = k.lastIndexOf(':');
      return { topic: k.slice(0, i), partition: Number(k.slice(i + 1)), nextOffset: offset.toString() };
    });
    await replaceCheckpoints(tx, projection.name, checkpoints);
    return checkpoints;
  };
  let checkpoints: PartitionCheckpoint[] = [];

  // Runs between batches only (one partition at a time), so phases never interleave with an apply.
  const advance = async () => {
    if (phase === 'replay' && reachedTargets()) {
      swapTx = dataSource.createQueryRunner();
      await swapTx.connect();
      await swapTx.startTransaction();
      await lockProjectionBatch(swapTx.manager, projection.name);
      await readWatermarks();
      options.onProgress?.(done, total);
      phase = 'catch-up';
      logger.info({ projection: projection.name, done, total }, 'rebuild catching up under the projection lock');
    }
    if (phase === 'catch-up' && reachedTargets()) {
      checkpoints = await swap(swapTx!.manager);
      await swapTx!.commitTransaction();
      await swapTx!.release();
      swapTx = null;
      phase = 'done';
      settle.resolve();
    }
  };

  const fail = async (e: unknown) => {
    if (phase === 'done') return;
    phase = 'done';
    if (swapTx) {
      await swapTx.rollbackTransaction().catch(() => undefined);
      await swapTx.release().catch(() => undefined);
      swapTx = null;
    }
    settle.reject(e);
  };

  const onBatch = async ({ batch, heartbeat }: EachBatchPayload) => {
    if (phase === 'done') return;
    const { topic, partition } = batch;
    const k = key(topic, partition);
    const messages = unseenMessages(batch.messages, next.get(k) ?? null);
    try {
      if (messages.length) {
        const outcome =
          phase === 'replay'
            ? await dataSource.transaction((tx) => applyMessages(projection, tx, shadow, topic, partition, messages))
            : await applyMessages(projection, swapTx!.manager, shadow, topic, partition, messages);
        next.set(k, BigInt(messages[messages.length - 1].offset) + 1n);
        done += messages.length;
        applied += outcome.applied;
        malformed += outcome.malformed;
        options.onProgress?.(done, total);
      }
      await advance();
    } catch (e) {
      // In the replay a failed batch is simply read again; under the swap lock it spoils the swap.
      if (phase === 'catch-up') await fail(e);
      else throw e;
    }
    await heartbeat();
  };

  const groupId = `projection.${projection.name}.rebuild.${randomUUID().slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) void fail(payload.error);
  });
  try {
    await advance();
    if (phase !== 'done') {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatch: onBatch });
    }
    await finished;
  } catch (e) {
    await fail(e);
    throw e;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    if (phase !== 'done' || checkpoints.length === 0) await dropShadowTables(dataSource, projection);
  }
  const result: RebuildResult = {
    projection: projection.name,
    version: projection.version,
    messages: done,
    applied,
    malformed,
    tables: projection.tables,
    checkpoints,
    durationMs: Date.now() - started,
  };
  logger.info({ ...result, checkpoints: undefined }, 'rebuild swapped into place');
  return result;
}
