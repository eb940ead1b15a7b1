import { Controller, Get, Header, Inject, Injectable, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import { Public } from '@tpm/auth';
import type { Clock } from '@tpm/kernel';
import { createLogger } from '@tpm/logging';
import { INBOX_CONSUMER, OUTBOX_RELAY } from '@tpm/messaging';
import { deadlineBacklog } from '@tpm/scheduler';
import type { ServiceConfig } from '../config/service-config';
import { CLOCK, EVENT_LOG, PG_POOL, SERVICE_CONFIG } from '../tokens';
import { httpMetricsMiddleware, METRICS_PATH, type HttpLabels } from './http-metrics';
import { registerPlatformCollectors, type MetricSources } from './platform-collectors';

/** A ProjectionHost, recognised by shape: @tpm/projections depends on this library, not the other way round. */
const isProjectionHost = (x: unknown): x is { statuses(): Promise<unknown[]>; states(): unknown } =>
  !!x && typeof x === 'object' && ['statuses', 'states', 'add', 'get'].every((m) => typeof (x as Record<string, unknown>)[m] === 'function');

/**
 * One Prometheus registry per application (tests run several in one process): HTTP latency by
 * route template, the platform's own figures read at scrape time, and the default process metrics.
 */
@Injectable()
export class ServiceMetrics implements OnApplicationBootstrap {
  readonly registry = new Registry();
  readonly http: Histogram<HttpLabels>;
  /** Mounted first by `configureHttp`, before helmet and the input checks, so their refusals are measured. */
  readonly httpMiddleware: ReturnType<typeof httpMetricsMiddleware>;
  private collectors: { beginScrape(): void } | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly discovery: DiscoveryService,
    @Optional() @Inject(EVENT_LOG) private readonly eventLog?: MetricSources['eventLog'],
  ) {
    this.registry.setDefaultLabels({ service: config.service });
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram<HttpLabels>({
      name: 'tpm_http_request_duration_seconds',
      help: 'HTTP requests by method, route template (never the raw URL) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.httpMiddleware = httpMetricsMiddleware(this.http);
  }

  /** Every module is initialised here: the relay, the consumer and the projection host exist (or never will). */
  onApplicationBootstrap(): void {
    const byToken = (token: unknown) => this.discovery.getProviders().find((w) => w.token === token)?.instance ?? undefined;
    const host = this.discovery.getProviders().find((w) => isProjectionHost(w.instance))?.instance;
    const sources: MetricSources = {
      eventLog: this.eventLog,
      relay: (byToken(OUTBOX_RELAY) as MetricSources['relay']) ?? undefined,
      inbox: (byToken(INBOX_CONSUMER) as MetricSources['inbox']) ?? undefined,
      projections: isProjectionHost(host) ? host : undefined,
      // The service's clock when it provides one (tests move it), so 'due' means what the scheduler means.
      deadlines: () => deadlineBacklog(this.pool, (byToken(CLOCK) as Clock | undefined)?.now() ?? new Date()),
    };
    this.collectors = registerPlatformCollectors({
      registry: this.registry,
      sources,
      logger: createLogger('metrics'),
      stallAfterMs: Number(process.env.METRICS_STALL_AFTER_MS ?? 60_000),
    });
  }

  scrape(): Promise<string> {
    this.collectors?.beginScrape();
    return this.registry.metrics();
  }
}

/**
 * `GET /metrics`, Prometheus text format. Public like /health and for the same reason: a
 * scraper holds no user token. Labels are code-defined names (route templates, projections,
 * deadline kinds): no ids, no personal data. It writes no request log line (service-kit).
 */
@ApiExcludeController()
@Public()
@Controller()
class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get(METRICS_PATH.slice(1))
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}

/** Imported by ServiceKitModule: every service serves /metrics without wiring of its own. */
@Module({
  imports: [DiscoveryModule],
  controllers: [MetricsController],
  providers: [ServiceMetrics],
  exports: [ServiceMetrics],
})
export class MetricsModule {}
