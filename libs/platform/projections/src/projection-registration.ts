import type { ContextName } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection';
import { createLogger, type Logger } from '@tpm/logging';
import { ProjectionRunner } from './projection-runner';
import { StoreProjectionRunner } from './store-projection-runner';

export type ProjectionSource = { kind: 'kafka'; topics: string[] } | { kind: 'store'; context: ContextName };

/**
 * A projection, where it reads from and which database holds it: what a service runs and what the
 * rebuild CLI needs to rebuild it, whichever service owns it.
 */
export interface ProjectionRegistration {
  projection: Projection;
  source: ProjectionSource;
  /** The owning service; its database is the one `openDatabase` is given. */
  service: ContextName;
  /** Initialized and migrated. */
  openDatabase(url: string): Promise<DataSource>;
}

export type AnyProjectionRunner = ProjectionRunner | StoreProjectionRunner;

export interface RunnerDependencies {
  dataSource: DataSource;
  kafka?: Kafka;
  store?: EventStore;
  logger?: Logger;
  /** Overrides for tests and tuning (poll and lock intervals). */
  pollMs?: number;
  lockRetryMs?: number;
}

/** The runner of a registration's source: Kafka topics, or the service's own store. */
export function runnerFor(r: ProjectionRegistration, deps: RunnerDependencies): AnyProjectionRunner {
  const logger = deps.logger ?? createLogger(`projection:${r.projection.name}`);
  if (r.source.kind === 'kafka') {
    if (!deps.kafka) throw new Error(`${r.projection.name} reads Kafka: a client is required`);
    return new ProjectionRunner({ projection: r.projection, dataSource: deps.dataSource, kafka: deps.kafka, topics: r.source.topics, logger, lockRetryMs: deps.lockRetryMs });
  }
  if (!deps.store) throw new Error(`${r.projection.name} reads the store: an event store is required`);
  return new StoreProjectionRunner({
    projection: r.projection,
    context: r.source.context,
    dataSource: deps.dataSource,
    store: deps.store,
    logger,
    pollMs: deps.pollMs,
    lockRetryMs: deps.lockRetryMs,
  });
}
