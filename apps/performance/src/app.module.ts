import { Module, type Provider } from '@nestjs/common';
import { topicOf } from '@tpm/contracts';
import { systemClock, type Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { AuthModule } from '@tpm/auth';
import { MessagingModule } from '@tpm/messaging';
import { OrgReferenceModule } from '@tpm/org-reference';
import {
  ChangeManagerHandler,
  ImportEmployeesHandler,
  OffboardEmployeeHandler,
  OnboardEmployeeHandler,
  RegisterBusinessUnitHandler,
  RenameBusinessUnitHandler,
  ReparentBusinessUnitHandler,
  TransferEmployeeHandler,
} from '@tpm/performance-application';
import { EVENT_STORE, EventStoreModule, HistoryController, KAFKA, PG_POOL, ServiceKitModule, loadServiceConfig } from '@tpm/service-kit';
import { BusinessUnitsController } from './http/business-units.controller';
import { EmployeeImportController } from './http/employee-import.controller';
import { EmployeesController } from './http/employees.controller';

export const CLOCK = Symbol('CLOCK');

type HandlerClass = new (store: EventStore, clock: Clock) => unknown;
const handler = (cls: HandlerClass): Provider => ({ provide: cls, inject: [EVENT_STORE, CLOCK], useFactory: (s: EventStore, c: Clock) => new cls(s, c) });

/**
 * The performance service. This slice: the organization (business-unit tree, employees, HRIS
 * import). Its log is relayed to `performance.events`, where every other context learns the org.
 */
@Module({
  imports: [
    ServiceKitModule.forService('performance'),
    AuthModule.forService({ poolToken: PG_POOL }),
    EventStoreModule.forService(),
    OrgReferenceModule.forPool(PG_POOL),
    MessagingModule.forService({
      context: 'performance',
      storeToken: EVENT_STORE,
      poolToken: PG_POOL,
      kafkaToken: KAFKA,
      partitions: loadServiceConfig('performance').kafkaPartitions,
      consumes: [topicOf('performance')],
    }),
  ],
  controllers: [BusinessUnitsController, EmployeesController, EmployeeImportController, HistoryController],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ...[
      RegisterBusinessUnitHandler,
      ReparentBusinessUnitHandler,
      RenameBusinessUnitHandler,
      OnboardEmployeeHandler,
      TransferEmployeeHandler,
      ChangeManagerHandler,
      OffboardEmployeeHandler,
    ].map(handler),
    { provide: ImportEmployeesHandler, inject: [EVENT_STORE, CLOCK], useFactory: (s: EventStore, c: Clock) => new ImportEmployeesHandler(s, c) },
  ],
})
export class AppModule {}
