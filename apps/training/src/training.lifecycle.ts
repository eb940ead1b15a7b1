import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import { ProjectionHost, StoreProcessor, type StoreProjectionRunner } from '@tpm/projections';
import { DeadlineScheduler } from '@tpm/scheduler';
import { CLOCK, EVENT_STORE, PG_POOL } from '@tpm/service-kit';
import { FOLLOW_UP_DUE, followUpDueHandler, TRAINING_READ, trainingPolicies } from '@tpm/training-infrastructure';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

const POLICY_TYPES = ['EmployeeEnrolled', 'EmployeeWaitlisted', 'TrainingCompleted', 'FollowUpsScheduled', 'FollowUpCheckRecorded', 'FollowUpsCancelled'];

/**
 * Training's process between its own aggregates: the process policies on the platform's store
 * processor, with their own checkpoint (run by the projection host beside the read model they
 * query), and the follow-up deadline scheduler.
 */
@Injectable()
export class TrainingLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = createLogger('scheduler');
  readonly readModel: StoreProjectionRunner;
  readonly process: StoreProcessor;
  readonly scheduler: DeadlineScheduler;
  /** Everything the store feeds, in order: the read model, then the process that queries it. */
  readonly projector = {
    catchUp: async (): Promise<void> => {
      await this.readModel.catchUp();
      await this.process.catchUp();
    },
  };

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PG_POOL) pool: Pool, @Inject(CLOCK) clock: Clock, dataSource: DataSource, host: ProjectionHost) {
    const pollMs = Number(process.env.PROJECTION_POLL_MS ?? 200);
    this.readModel = host.get<StoreProjectionRunner>(TRAINING_READ);
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
    // Added after the read model it depends on, so the host starts it after it.
    host.add(this.process);
    this.scheduler = new DeadlineScheduler({
      pool,
      clock,
      handlers: { [FOLLOW_UP_DUE]: followUpDueHandler(store, clock) },
      pollMs: Number(process.env.TRAINING_SCHEDULER_POLL_MS ?? 5000),
      onError: (e, d) => this.logger.warn({ err: e.message, deadlineId: d.deadlineId }, 'deadline failed; retrying'),
    });
  }

  /** Before the host starts the process: the scheduler makes the tables the process stores deadlines in. */
  async onModuleInit(): Promise<void> {
    await this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}
