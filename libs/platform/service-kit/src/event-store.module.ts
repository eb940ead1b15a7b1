import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { PostgresEventStore, type HmacKey, type PersonalDataPolicy, type Upcaster } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import type { Pool } from 'pg';
import type { ServiceConfig } from './config/service-config';
import { VerificationJobs } from './history/verification-jobs';
import { EVENT_STORE, PG_POOL, SERVICE_CONFIG } from './tokens';

@Injectable()
class EventStoreSchema implements OnModuleInit {
  constructor(@Inject(EVENT_STORE) private readonly store: PostgresEventStore) {}
  async onModuleInit(): Promise<void> {
    await this.store.ensureSchema();
  }
}

/**
 * The service's own event store, on its own database, shared by handlers and the relay. Its HMAC
 * keys come from the validated config (EVENT_STORE_HMAC_KEYS / EVENT_STORE_HMAC_KEY), which a
 * production service refuses to start without.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forService(
    options: {
      upcasters?: Upcaster[];
      hmacKeys?: HmacKey[];
      /** The context's personal fields: encrypted per person in the store (wired by the privacy work). */
      personalData?: PersonalDataPolicy;
    } = {},
  ): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [PG_POOL, SERVICE_CONFIG],
          useFactory: (pool: Pool, config: ServiceConfig) =>
            new PostgresEventStore({
              pool,
              upcasters: options.upcasters,
              hmacKeys: options.hmacKeys ?? config.hmacKeys,
              logger: createLogger('event-store'),
            }),
        },
        EventStoreSchema,
        // Whole-store verification as a job (history controller); global like the store.
        VerificationJobs,
      ],
      exports: [EVENT_STORE, VerificationJobs],
    };
  }
}
