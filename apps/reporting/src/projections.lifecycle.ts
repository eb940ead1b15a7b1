import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CONTEXTS, logTopicOf, topicOf } from '@tpm/contracts';
import { ensureTopics } from '@tpm/messaging';
import { createLogger } from '@tpm/logging';
import { ProjectionRunner } from '@tpm/projections';
import { REPORTING_PROJECTIONS } from '@tpm/reporting-projections';
import { HealthRegistry, KAFKA, SERVICE_CONFIG, type ServiceConfig } from '@tpm/service-kit';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

/** Runs every reporting projection with the service; one replica per projection is active. */
@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly runners: ProjectionRunner[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    health: HealthRegistry,
  ) {
    health.register((indicators) => async () => {
      // A standby runner is healthy (another replica is active); a stopped one is not.
      const states = Object.fromEntries(this.runners.map((r, i) => [Object.keys(REPORTING_PROJECTIONS)[i], r.state]));
      const session = indicators.check('projections');
      return Object.values(states).some((s) => s === 'stopped') ? session.down(states) : session.up(states);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Reporting may start before the producers: their topics must exist before it subscribes.
    await ensureTopics(this.kafka, CONTEXTS.filter((c) => c !== 'reporting').flatMap((c) => [topicOf(c), logTopicOf(c)]), this.config.kafkaPartitions);
    for (const { projection, topics } of Object.values(REPORTING_PROJECTIONS)) {
      const runner = new ProjectionRunner({ projection, dataSource: this.dataSource, kafka: this.kafka, topics, logger: createLogger(`projection:${projection.name}`) });
      this.runners.push(runner);
      await runner.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  statuses() {
    return Promise.all(this.runners.map((r) => r.status()));
  }
}
