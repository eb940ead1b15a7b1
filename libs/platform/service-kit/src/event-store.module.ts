import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { PersonalDataStore, PostgresEventStore, PostgresPersonalDataKeys, type HmacKey, type PersonalDataPolicy, type Upcaster } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import type { Pool } from 'pg';
import type { ServiceConfig } from './config/service-config';
import { VerificationJobs } from './history/verification-jobs';
import { EVENT_LOG, EVENT_STORE, PERSONAL_DATA_KEYS, PG_POOL, SERVICE_CONFIG } from './tokens';

@Injectable()
class EventStoreSchema implements OnModuleInit {
  constructor(
    @Inject(EVENT_LOG) private readonly log: PostgresEventStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PostgresPersonalDataKeys,
  ) {}
  async onModuleInit(): Promise<void> {
    await this.log.ensureSchema();
    await this.keys.ensureSchema();
  }
}

/**
 * The service's own event store, on its own database. EVENT_STORE is what handlers, queries and
 * projections use: it seals the context's personal fields with each person's key and opens them
 * on read. EVENT_LOG is the same store as stored (ciphertext): the relay publishes from it and
 * verification checks it. HMAC keys come from the validated config (EVENT_STORE_HMAC_KEYS /
 * EVENT_STORE_HMAC_KEY), which a production service refuses to start without.
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
          provide: EVENT_LOG,
          inject: [PG_POOL, SERVICE_CONFIG],
          useFactory: (pool: Pool, config: ServiceConfig) =>
            new PostgresEventStore({
              pool,
              upcasters: options.upcasters,
              hmacKeys: options.hmacKeys ?? config.hmacKeys,
              logger: createLogger('event-store'),
            }),
        },
        {
          provide: PERSONAL_DATA_KEYS,
          inject: [PG_POOL, SERVICE_CONFIG],
          useFactory: (pool: Pool, config: ServiceConfig) => new PostgresPersonalDataKeys(pool, config.personalDataMasterKey),
        },
        {
          provide: EVENT_STORE,
          inject: [EVENT_LOG, PERSONAL_DATA_KEYS],
          useFactory: (log: PostgresEventStore, keys: PostgresPersonalDataKeys) => new PersonalDataStore(log, keys, options.personalData ?? []),
        },
        EventStoreSchema,
        // Whole-store verification as a job (history controller); global like the store.
        VerificationJobs,
      ],
      exports: [EVENT_STORE, EVENT_LOG, PERSONAL_DATA_KEYS, VerificationJobs],
    };
  }
}
