import { DynamicModule, Global, Inject, Injectable, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka, logLevel } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { Pool } from 'pg';
import type { ContextName } from '@tpm/contracts';
import { configureLogging, createLogger, kafkaLogCreator, rootLogger } from '@tpm/logging';
import { survivePgConnectionErrors } from '@tpm/event-store';
import { runningTracing, startTracing } from '@tpm/tracing';
import { loadServiceConfig, validateServiceEnvironment, type ServiceConfig } from './config/service-config';
import { HealthController, HealthRegistry } from './health/health.controller';
import { correlationMiddleware, declareUntracedRoutes, isUntraced } from './http/request-context';
import { METRICS_PATH } from './metrics/http-metrics';
import { MetricsModule } from './metrics/metrics.module';
import { KAFKA, PG_POOL, SERVICE_CONFIG } from './tokens';

/**
 * What every service shares: validated config, one pg Pool on its own database, a Kafka
 * client, structured request logs, correlation ids and the health endpoint.
 */
@Injectable()
class PoolShutdown implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** Sends the spans still buffered when the app stops (the SDK stays up: other apps of the process may trace on). */
@Injectable()
class TracingFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await runningTracing()?.flush().catch(() => undefined);
  }
}

export interface ServiceHttpOptions {
  /** Paths (matched without the query) whose requests keep no trace of the caller: see `declareUntracedRoutes`. */
  untracedRoutes?: RegExp[];
}

@Global()
@Module({})
export class ServiceKitModule implements NestModule {
  static forService(service: ContextName, overrides: Partial<ServiceConfig> = {}, http: ServiceHttpOptions = {}): DynamicModule {
    const config: ServiceConfig = { ...loadServiceConfig(service), ...overrides };
    declareUntracedRoutes(http.untracedRoutes ?? []);
    // One root logger per process: HTTP lines, Nest, kafkajs and every component are its children.
    configureLogging({ service, level: config.logLevel });
    // Off by default (OTEL_TRACES_EXPORTER=none): no SDK, and the platform's spans are skipped.
    const { tracing } = config;
    if (tracing.exporter !== 'none') startTracing({ serviceName: tracing.serviceName, exporter: tracing.exporter, sampler: tracing.sampler, samplerArg: tracing.samplerArg });
    const poolLogger = createLogger('pg-pool');
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      {
        provide: PG_POOL,
        useFactory: () => {
          // A connection cut by the server (restart, failover), idle or checked out, must not
          // crash the service: it is discarded and the next query opens a new one.
          return survivePgConnectionErrors(new Pool({ connectionString: config.databaseUrl, max: 20, application_name: `tpm-${service}` }), poolLogger, `tpm-${service}`);
        },
      },
      PoolShutdown,
      TracingFlush,
      HealthRegistry,
      {
        provide: KAFKA,
        useFactory: () =>
          new Kafka({
            clientId: `tpm-${service}`,
            brokers: config.kafkaBrokers,
            logLevel: logLevel.WARN,
            logCreator: kafkaLogCreator(createLogger('kafkajs')),
            retry: { retries: 8, initialRetryTime: 200 },
          }),
      },
    ];
    return {
      module: ServiceKitModule,
      imports: [
        // The validated environment as ConfigService, for code that wants it injected; the same
        // schema has already stopped a wrong setting with one line (loadServiceConfig, runService).
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: (env) => ({ ...env, ...validateServiceEnvironment(service, env) }) }),
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            logger: rootLogger().child({ component: 'http' }),
            customProps: (req) => ({ correlationId: (req as { correlationId?: string }).correlationId }),
            // An untraced route logs no line at all: its caller, address and headers stay unrecorded.
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === METRICS_PATH || isUntraced(req) },
          },
        }),
        MetricsModule,
      ],
      controllers: [HealthController],
      providers,
      exports: [SERVICE_CONFIG, PG_POOL, KAFKA, HealthRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(correlationMiddleware).forRoutes('*');
  }
}
