import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import { OrgDirectory } from '@tpm/org-reference';
import { ProjectionHost, StoreProcessor, type StoreProjectionRunner } from '@tpm/projections';
import { DeadlineScheduler } from '@tpm/scheduler';
import { CLOCK, EVENT_STORE, PG_POOL } from '@tpm/service-kit';
import { COACHING_PROCESS_TYPES, COACHING_READ, coachingPolicies, reviewDeadlineHandlers } from '@tpm/coaching-infrastructure';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Coaching's process between its own aggregates: the policies on the platform's store processor
 * (after the read model they query), and the monthly-review deadline scheduler.
 */
@Injectable()
export class CoachingLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = createLogger('scheduler');
  readonly readModel: StoreProjectionRunner;
  readonly process: StoreProcessor;
  readonly scheduler: DeadlineScheduler;
  readonly projector = {
    catchUp: async (): Promise<void> => {
      await this.readModel.catchUp();
      await this.process.catchUp();
    },
  };

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PG_POOL) pool: Pool, @Inject(CLOCK) clock: Clock, dataSource: DataSource, host: ProjectionHost, directory: OrgDirectory) {
    const pollMs = Number(process.env.PROJECTION_POLL_MS ?? 200);
    this.readModel = host.get<StoreProjectionRunner>(COACHING_READ);
    this.process = new StoreProcessor({
      name: 'coaching-process',
      dataSource,
      store,
      types: COACHING_PROCESS_TYPES,
      policy: coachingPolicies({ store, clock, directory, reminderDays: Number(process.env.COACHING_REVIEW_REMINDER_DAYS ?? 3) }),
      dependsOn: [this.readModel],
      pollMs,
      logger: createLogger('process:coaching'),
    });
    host.add(this.process);
    this.scheduler = new DeadlineScheduler({
      pool,
      clock,
      handlers: reviewDeadlineHandlers(store, clock, directory),
      pollMs: Number(process.env.COACHING_SCHEDULER_POLL_MS ?? 5000),
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
