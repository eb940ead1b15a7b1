import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tpm/auth';
import { topicOf } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import { systemClock, type Clock } from '@tpm/kernel';
import { MessagingModule } from '@tpm/messaging';
import { OrgDirectory } from '@tpm/org-reference';
import { ProjectionsModule } from '@tpm/projections';
import {
  AdjustProposalHandler,
  ApproveProposalHandler,
  AwardTrainingRecognitionHandler,
  DefinePolicyHandler,
  ImportPayHandler,
  MeasureIncentiveEffectHandler,
  NotePlanClosedHandler,
  PayRewardHandler,
  ProposeRewardHandler,
  PublishPolicyVersionHandler,
  RateRewardHandler,
  RecordCycleResultHandler,
  RejectProposalHandler,
  RevokeRewardHandler,
  WithdrawProposalHandler,
} from '@tpm/rewards-application';
import { REWARDS_PERSONAL_DATA } from '@tpm/rewards-domain';
import { openRewardsReadDatabase, rewardsProjectionRegistrations, rewardsPublished, RewardsQueries } from '@tpm/rewards-infrastructure';
import { CLOCK, commandHandlers, EVENT_STORE, EventStoreModule, HistoryController, KAFKA, loadServiceConfig, PG_POOL, ServiceKitModule } from '@tpm/service-kit';
import type { Pool } from 'pg';
import { BudgetController } from './http/budgets/budget.controller';
import { EffectController } from './http/effect/effect.controller';
import { MeasureEffectController } from './http/effect/measure-effect.controller';
import { ScopedEffectMeasurement } from './http/effect/scoped-effect-measurement';
import { RateRewardController } from './http/employees/rate-reward.controller';
import { RecognitionController } from './http/employees/recognition.controller';
import { RecommendationsController } from './http/employees/recommendations.controller';
import { StatementController } from './http/employees/statement.controller';
import { StatementQuery } from './http/employees/statement.query';
import { GrantController } from './http/grants/grant.controller';
import { LateGrantsController } from './http/grants/late-grants.controller';
import { PayGrantController } from './http/grants/pay-grant.controller';
import { RevokeGrantController } from './http/grants/revoke-grant.controller';
import { ImportPayController } from './http/pay/import-pay.controller';
import { PayController } from './http/pay/pay.controller';
import { ScopedPayImport } from './http/pay/scoped-pay-import';
import { DefinePolicyController } from './http/policies/define-policy.controller';
import { PolicyInForceController } from './http/policies/policy-in-force.controller';
import { PolicyController } from './http/policies/policy.controller';
import { PublishPolicyVersionController } from './http/policies/publish-policy-version.controller';
import { AdjustProposalController } from './http/proposals/adjust-proposal.controller';
import { ApproveProposalController } from './http/proposals/approve-proposal.controller';
import { ProposalController } from './http/proposals/proposal.controller';
import { ProposalsController } from './http/proposals/proposals.controller';
import { RejectProposalController } from './http/proposals/reject-proposal.controller';
import { GrantUnit, PolicyUnit, ProposalUnit } from './http/scope/record-units.resolver';
import { RewardsReactions } from './messaging/rewards.reactions';
import { RewardsLifecycle } from './rewards.lifecycle';

type WithQueries<T> = new (store: EventStore, clock: Clock, queries: RewardsQueries) => T;
/** Handlers that also ask the read model (policy in force, org copy, effect inputs). */
const withQueries = <T>(cls: WithQueries<T>) => ({ provide: cls, inject: [EVENT_STORE, CLOCK, RewardsQueries], useFactory: (s: EventStore, c: Clock, q: RewardsQueries) => new cls(s, c, q) });

/**
 * The rewards service: incentive policies, pay, proposals from appraisals, approval chains under
 * a budget cap, grants and payments, recommendations, recognition and the incentive effect, on
 * its own event store (personal data declared) and read model; its log is relayed to
 * `rewards.events` (published contracts) and `rewards.log`; it reacts to performance, training
 * and coaching.
 */
@Module({})
export class RewardsModule {
  /** Tests pass a ManualClock: due dates and deadlines then move when the test moves time. */
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: RewardsModule,
      imports: [
        ServiceKitModule.forService('rewards'),
        AuthModule.forService({ poolToken: PG_POOL }),
        EventStoreModule.forService({ personalData: REWARDS_PERSONAL_DATA }),
        ProjectionsModule.forService({ openDatabase: openRewardsReadDatabase, registrations: rewardsProjectionRegistrations }),
        MessagingModule.forService({
          context: 'rewards',
          storeToken: EVENT_STORE,
          poolToken: PG_POOL,
          kafkaToken: KAFKA,
          partitions: loadServiceConfig('rewards').kafkaPartitions,
          consumes: [topicOf('performance'), topicOf('training'), topicOf('coaching')],
          relay: { published: rewardsPublished },
        }),
      ],
      controllers: [
        DefinePolicyController,
        PublishPolicyVersionController,
        PolicyController,
        PolicyInForceController,
        ImportPayController,
        PayController,
        ProposalsController,
        ProposalController,
        AdjustProposalController,
        ApproveProposalController,
        RejectProposalController,
        GrantController,
        PayGrantController,
        RevokeGrantController,
        LateGrantsController,
        BudgetController,
        StatementController,
        RecommendationsController,
        RecognitionController,
        RateRewardController,
        MeasureEffectController,
        EffectController,
        HistoryController,
      ],
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: RewardsQueries, inject: [PG_POOL], useFactory: (pool: Pool) => new RewardsQueries(pool) },
        { provide: OrgDirectory, inject: [PG_POOL], useFactory: (pool: Pool) => new OrgDirectory(pool) },
        ...commandHandlers([PublishPolicyVersionHandler, AdjustProposalHandler, ApproveProposalHandler, RejectProposalHandler, WithdrawProposalHandler, PayRewardHandler, RevokeRewardHandler, NotePlanClosedHandler]),
        withQueries(DefinePolicyHandler),
        withQueries(ImportPayHandler),
        withQueries(RecordCycleResultHandler),
        withQueries(AwardTrainingRecognitionHandler),
        withQueries(RateRewardHandler),
        withQueries(MeasureIncentiveEffectHandler),
        { provide: ProposeRewardHandler, inject: [EVENT_STORE, CLOCK, RewardsQueries], useFactory: (s: EventStore, c: Clock, q: RewardsQueries) => new ProposeRewardHandler(s, c, q, q) },
        PolicyUnit,
        ProposalUnit,
        GrantUnit,
        ScopedPayImport,
        ScopedEffectMeasurement,
        StatementQuery,
        RewardsReactions,
        RewardsLifecycle,
      ],
    };
  }
}

@Module({ imports: [RewardsModule.forRoot()] })
export class AppModule {}
