import { Controller, Get, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { Public } from '@tpm/auth';
import { createLogger } from '@tpm/logging';
import { RETRY_AFTER_SECONDS } from '@tpm/kernel';
import { KAFKA, PG_POOL } from '../tokens';

export type ExtraHealthCheck = (indicators: HealthIndicatorService) => HealthIndicatorFunction;

/** Parts of a service (projections, relays) add their own checks to /health here. */
@Injectable()
export class HealthRegistry {
  readonly checks: ExtraHealthCheck[] = [];
  register(check: ExtraHealthCheck): void {
    this.checks.push(check);
  }
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms))]);

/** Liveness and readiness: the service's own database and the Kafka cluster must answer. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly registry: HealthRegistry,
  ) {}

  private readonly logger = createLogger('health');
  /** The last answer given: an outage is logged once when it starts and once when it ends. */
  private lastDown: string[] | null = null;

  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'All dependencies are up' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body (details) says which; Retry-After says when to ask again' })
  async check() {
    try {
      const result = await this.probe();
      if (this.lastDown) this.logger.info({ was: this.lastDown }, 'healthy again');
      this.lastDown = null;
      return result;
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const body = e.getResponse() as { error?: Record<string, unknown> };
      const down = Object.keys(body.error ?? {});
      if (this.lastDown?.join() !== down.join()) {
        this.logger.warn({ down, error: body.error }, 'unhealthy: a dependency is unreachable');
      }
      this.lastDown = down;
      // The one error shape, with terminus' per-dependency answer as details (the filter adds Retry-After).
      throw new ServiceUnavailableException({
        code: 'SERVICE_UNAVAILABLE',
        message: `Unavailable: ${down.join(', ') || 'a dependency'} unreachable; retry in ${RETRY_AFTER_SECONDS} s`,
        details: body,
      });
    }
  }

  private probe() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('database');
        try {
          await withTimeout(this.pool.query('SELECT 1'), 3000, 'database ping');
          return session.up();
        } catch (e) {
          return session.down({ message: (e as Error).message });
        }
      },
      async () => {
        const session = this.indicators.check('kafka');
        const admin = this.kafka.admin();
        try {
          await withTimeout(admin.connect(), 3000, 'kafka connect');
          const cluster = await withTimeout(admin.describeCluster(), 3000, 'kafka describe');
          return session.up({ brokers: cluster.brokers.length });
        } catch (e) {
          return session.down({ message: (e as Error).message });
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      },
      ...this.registry.checks.map((make) => make(this.indicators)),
    ]);
  }
}
