import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@tpm/event-store';
import type { Clock } from '@tpm/kernel';
import { createLogger } from '@tpm/logging';
import { ProjectionHost, StoreProcessor, type StoreProjectionRunner } from '@tpm/projections';
import { GRANT_DUE, grantDueHandler, REWARDS_PROCESS_TYPES, REWARDS_READ, rewardsPolicies } from '@tpm/rewards-infrastructure';
import { DeadlineScheduler } from '@tpm/scheduler';
import { CLOCK, EVENT_STORE, PG_POOL } from '@tpm/service-kit';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The rewards process between its own aggregates (grant on final approval, budget releases,
 * due-date deadlines) on the platform's store processor, and the durable scheduler that flags
 * grants still unpaid after their due date.
 */
@Injectable()
export class RewardsLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = createLogger('scheduler');
  readonly readModel: StoreProjectionRunner;
  readonly process: StoreProcessor;
  readonly scheduler: DeadlineScheduler;
  readonly projector = {
    catchUp: async (): Promise<void> => {
      await this.readModel.catchUp();
      await this.process.catchUp();
      await this.readModel.catchUp();
    },
  };

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PG_POOL) pool: Pool, @Inject(CLOCK) clock: Clock, dataSource: DataSource, host: ProjectionHost) {
    this.readModel = host.get<StoreProjectionRunner>(REWARDS_READ);
    this.process = new StoreProcessor({
      name: 'rewards-process',
      dataSource,
      store,
      types: REWARDS_PROCESS_TYPES,
      policy: rewardsPolicies(store, clock),
      pollMs: Number(process.env.PROJECTION_POLL_MS ?? 200),
      logger: createLogger('process:rewards'),
    });
    host.add(this.process);
    this.scheduler = new DeadlineScheduler({
      pool,
      clock,
      handlers: { [GRANT_DUE]: grantDueHandler(store, clock) },
      pollMs: Number(process.env.REWARDS_SCHEDULER_POLL_MS ?? 5000),
      onError: (e, d) => this.logger.warn({ err: e.message, deadlineId: d.deadlineId }, 'deadline failed; retrying'),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}
