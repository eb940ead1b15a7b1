import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { DeadlineScheduler } from '@tpm/scheduler';
import { EVENT_STORE, PG_POOL } from '@tpm/service-kit';
import { FOLLOW_UP_DUE, followUpDueHandler, TrainingProjector, trainingPolicies } from '@tpm/training-infrastructure';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { CLOCK } from './tokens';

/** Runs the projector (read tables and process policies) and the follow-up deadline scheduler. */
@Injectable()
export class TrainingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('training');
  readonly projector: TrainingProjector;
  readonly scheduler: DeadlineScheduler;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PG_POOL) pool: Pool, @Inject(CLOCK) clock: Clock) {
    this.projector = new TrainingProjector({
      store,
      pool,
      policy: trainingPolicies(store, clock),
      pollMs: Number(process.env.TRAINING_PROJECTOR_POLL_MS ?? 200),
      onError: (e) => this.logger.warn({ err: e.message }, 'projector batch failed; retrying'),
    });
    this.scheduler = new DeadlineScheduler({
      pool,
      clock,
      handlers: { [FOLLOW_UP_DUE]: followUpDueHandler(store, clock) },
      pollMs: Number(process.env.TRAINING_SCHEDULER_POLL_MS ?? 5000),
      onError: (e, d) => this.logger.warn({ err: e.message, deadlineId: d.deadlineId }, 'deadline failed; retrying'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    await this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.projector.stop();
  }
}
