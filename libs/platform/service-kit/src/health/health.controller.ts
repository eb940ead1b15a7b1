import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { Public } from '@tpm/auth';
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

  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'All dependencies are up' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body says which' })
  check() {
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
