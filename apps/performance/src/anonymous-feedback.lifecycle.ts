import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createLogger } from '@tpm/logging';
import { ReleaseAnonymousFeedbackHandler } from '@tpm/performance-application';
import { PostgresAnonymousFeedbackHoldingArea } from '@tpm/performance-infrastructure';

const log = createLogger('anonymous-feedback');

/**
 * The holding area's tables, made at boot as the platform makes its own; then whatever a crash left
 * held past review is released, so no entry waits for the next stage advance. Its own pool closes last.
 */
@Injectable()
export class AnonymousFeedbackLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly holding: PostgresAnonymousFeedbackHoldingArea,
    private readonly release: ReleaseAnonymousFeedbackHandler,
  ) {}

  onModuleInit() {
    return this.holding.ensureSchema();
  }

  async onApplicationBootstrap() {
    // Counts only: which cycle, appraisal or reviewer is never logged.
    const released = await this.release.releaseDue();
    if (released) log.info({ released }, 'released anonymous feedback held past review');
  }

  onApplicationShutdown() {
    return this.holding.close();
  }
}
