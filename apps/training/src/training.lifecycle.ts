import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { topicOf } from '@tpm/contracts';
import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { ensureTopics } from '@tpm/messaging';
import { createLogger } from '@tpm/logging';
import { ProjectionRunner, StoreProcessor, StoreProjectionRunner } from '@tpm/projections';
import { DeadlineScheduler } from '@tpm/scheduler';
import { EVENT_STORE, HealthRegistry, KAFKA, PG_POOL, SERVICE_CONFIG, type ServiceConfig } from '@tpm/service-kit';
import { FOLLOW_UP_DUE, followUpDueHandler, trainingPolicies, trainingProjectionRegistrations } from '@tpm/training-infrastructure';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CLOCK } from './tokens';

const POLICY_TYPES = ['EmployeeEnrolled', 'EmployeeWaitlisted', 'TrainingCompleted', 'FollowUpsScheduled', 'FollowUpCheckRecorded', 'FollowUpsCancelled'];

/**
 * Runs the training projections on the platform runner (the read model from the store, the
 * appraisals from Kafka), the process policies apart with their own checkpoint, and the follow-up
 * deadline scheduler.
 */
@Injectable()
export class TrainingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('scheduler');
  readonly readModel: StoreProjectionRunner;
  readonly appraisals: ProjectionRunner;
  readonly process: StoreProcessor;
  readonly scheduler: DeadlineScheduler;
  /** Everything the store feeds, in order: the read model, then the process that queries it. */
  readonly projector = {
    catchUp: async (): Promise<void> => {
      await this.readModel.catchUp();
      await this.process.catchUp();
    },
  };

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(CLOCK) clock: Clock,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly dataSource: DataSource,
    health: HealthRegistry,
  ) {
    const [readModel, appraisals] = trainingProjectionRegistrations();
    const pollMs = Number(process.env.TRAINING_PROJECTOR_POLL_MS ?? 200);
    this.readModel = new StoreProjectionRunner({ projection: readModel.projection, context: 'training', dataSource, store, pollMs, logger: createLogger('projection:training-read') });
    this.appraisals = new ProjectionRunner({
      projection: appraisals.projection,
      dataSource,
      kafka,
      topics: appraisals.source.kind === 'kafka' ? appraisals.source.topics : [],
      logger: createLogger('projection:training-appraisals'),
    });
    this.process = new StoreProcessor({
      name: 'training-process',
      dataSource,
      store,
      types: POLICY_TYPES,
      policy: trainingPolicies(store, clock),
      // The completion policy reads open needs: the read model must have seen the completion first.
      dependsOn: [this.readModel],
      pollMs,
      logger: createLogger('process:training'),
    });
    this.scheduler = new DeadlineScheduler({
      pool,
      clock,
      handlers: { [FOLLOW_UP_DUE]: followUpDueHandler(store, clock) },
      pollMs: Number(process.env.TRAINING_SCHEDULER_POLL_MS ?? 5000),
      onError: (e, d) => this.logger.warn({ err: e.message, deadlineId: d.deadlineId }, 'deadline failed; retrying'),
    });
    health.register((indicators) => async () => {
      // A standby runner is healthy (another replica is active); a stopped one is not.
      const states = Object.fromEntries(this.runners().map((r) => [r.name, r.state]));
      const session = indicators.check('projections');
      return Object.values(states).some((s) => s === 'stopped') ? session.down(states) : session.up(states);
    });
  }

  private runners() {
    return [this.readModel, this.appraisals, this.process];
  }

  async onApplicationBootstrap(): Promise<void> {
    // The appraisals runner subscribes to performance's topic: it must exist first.
    await ensureTopics(this.kafka, [topicOf('performance')], this.config.kafkaPartitions);
    // The scheduler makes its tables: the process stores deadlines in them.
    await this.scheduler.start();
    for (const r of this.runners()) await r.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await Promise.all(this.runners().map((r) => r.stop()));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** Each projection and the process: active/standby, checkpoint and lag, last error. */
  statuses() {
    return Promise.all(this.runners().map((r) => r.status()));
  }
}
