import { Module } from '@nestjs/common';
import { topicOf } from '@tpm/contracts';
import { AuthModule } from '@tpm/auth';
import { MessagingModule } from '@tpm/messaging';
import { OrgReferenceModule } from '@tpm/org-reference';
import { EVENT_STORE, EventStoreModule, HistoryController, KAFKA, PG_POOL, SERVICE_CONFIG, ServiceKitModule, loadServiceConfig } from '@tpm/service-kit';

/**
 * The rewards service: its own event store and database, the relay that publishes its log to
 * `rewards.events`, and its local copy of the organization. Its business capabilities arrive
 * with their own issue; the platform around them is already live.
 */
@Module({
  imports: [
    ServiceKitModule.forService('rewards'),
    AuthModule.forService({ poolToken: PG_POOL }),
    EventStoreModule.forService(),
    OrgReferenceModule.forPool(PG_POOL, SERVICE_CONFIG),
    MessagingModule.forService({
      context: 'rewards',
      storeToken: EVENT_STORE,
      poolToken: PG_POOL,
      kafkaToken: KAFKA,
      partitions: loadServiceConfig('rewards').kafkaPartitions,
      consumes: [topicOf('performance')],
    }),
  ],
  controllers: [HistoryController],
})
export class AppModule {}
