import { Controller, Get, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { ensureTopics } from '@tpm/messaging';
import { EVENT_STORE, HealthRegistry, KAFKA, SERVICE_CONFIG, type ServiceConfig } from '@tpm/service-kit';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { projectionsWithParked } from '../parked.store';
import { ProjectionHost } from '../projection-host';
import type { ProjectionRegistration } from '../projection-registration';

export interface ProjectionsModuleOptions {
  /** The service's read-model database, initialized and migrated (its projections and checkpoints). */
  openDatabase(url: string): Promise<DataSource>;
  /** Built at boot, so that topic names take the Kafka namespace of the running process. */
  registrations(): ProjectionRegistration[];
  /** Topics the Kafka-fed projections read: created if missing before they subscribe (a service may start before the producers). */
  topics?(): string[];
}

const OPTIONS = Symbol('PROJECTIONS_OPTIONS');

/** Starts the host with the application (after every module is initialized) and stops it with it. */
@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OPTIONS) private readonly options: ProjectionsModuleOptions,
    private readonly host: ProjectionHost,
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    health: HealthRegistry,
  ) {
    health.register((indicators) => async () => {
      const states = this.host.states();
      const session = indicators.check('projections');
      if (Object.values(states).some((s) => s === 'stopped')) return session.down(states);
      // Parked messages degrade, never fail, the service. terminus drops a result whose status is
      // neither 'up' nor 'down' from the body, so the indicator stays 'up' and says `degraded`.
      const parked = await this.parkedCounts(Object.keys(states));
      const degraded = Object.keys(parked);
      return degraded.length ? session.up({ ...states, degraded, parked }) : session.up(states);
    });
  }

  /** An unreachable database is the `database` indicator's to report: here it only hides the parked counts. */
  private async parkedCounts(names: string[]): Promise<Record<string, number>> {
    if (!names.length || !this.dataSource.isInitialized) return {};
    try {
      return await Promise.race([
        projectionsWithParked(this.dataSource, names),
        new Promise<Record<string, number>>((resolve) => setTimeout(() => resolve({}), 2_000).unref()),
      ]);
    } catch {
      return {};
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const topics = this.options.topics?.() ?? [];
    if (topics.length) await ensureTopics(this.kafka, topics, this.config.kafkaPartitions);
    await this.host.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
class ProjectionsController {
  constructor(private readonly host: ProjectionHost) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: 'Each projection and process manager: active/standby, checkpoint and lag, last error, parked messages' })
  list() {
    return this.host.statuses();
  }
}

/**
 * The one way a service runs its read side: its read-model database, every registered projection
 * (Kafka- or store-fed) on the platform runner, `GET /projections` and the `projections` health
 * indicator. Exports the DataSource (for queries) and the host (to add process managers and to
 * wait on a runner by name).
 */
@Module({})
export class ProjectionsModule {
  static forService(options: ProjectionsModuleOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      controllers: [ProjectionsController],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: DataSource, inject: [SERVICE_CONFIG], useFactory: (c: ServiceConfig) => options.openDatabase(c.databaseUrl) },
        {
          provide: ProjectionHost,
          inject: [DataSource, KAFKA, { token: EVENT_STORE, optional: true }],
          useFactory: (dataSource: DataSource, kafka: Kafka, store: EventStore | undefined) =>
            new ProjectionHost(options.registrations(), { dataSource, kafka, store, pollMs: Number(process.env.PROJECTION_POLL_MS ?? 200) }),
        },
        ProjectionsLifecycle,
      ],
      exports: [DataSource, ProjectionHost],
    };
  }
}
