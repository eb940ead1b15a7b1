import type { Projection, ProjectionRegistration } from '@tpm/projections';
import { AUDIT_TRAIL_TOPICS, auditTrailProjection } from './audit-trail/audit-trail.projection';
import { ORG_STRUCTURE_TOPICS, orgStructureProjection } from './org-structure/org-structure.projection';
import { COACHING_TOPICS, coachingProjection } from './read-models/coaching.projection';
import { ORG_HISTORY_TOPICS, orgHistoryProjection } from './read-models/org-history.projection';
import {
  PERFORMANCE_RESULT_TOPICS,
  PERFORMANCE_STAGE_TOPICS,
  performanceResultsProjection,
  performanceStagesProjection,
} from './read-models/performance.projections';
import { REWARDS_TOPICS, rewardsProjection } from './read-models/rewards.projection';
import { TIMELINE_TOPICS, timelineProjection } from './read-models/timeline.projection';
import { TRAINING_BUDGET_TOPICS, trainingBudgetsProjection } from './read-models/training-budgets.projection';
import { TRAINING_EFFECT_TOPICS, trainingEffectProjection } from './read-models/training-effect.projection';
import { TRAINING_TOPICS, trainingProjection } from './read-models/training.projection';
import { openReportingDatabase } from './reporting-data-source';

export interface RegisteredProjection {
  projection: Projection;
  topics: string[];
}

/** Every reporting projection by name, with the topics it reads by default. */
export const REPORTING_PROJECTIONS: Record<string, RegisteredProjection> = {
  [orgStructureProjection.name]: { projection: orgStructureProjection as Projection, topics: ORG_STRUCTURE_TOPICS },
  [auditTrailProjection.name]: { projection: auditTrailProjection, topics: AUDIT_TRAIL_TOPICS },
  [orgHistoryProjection.name]: { projection: orgHistoryProjection, topics: ORG_HISTORY_TOPICS },
  [performanceResultsProjection.name]: { projection: performanceResultsProjection, topics: PERFORMANCE_RESULT_TOPICS },
  [performanceStagesProjection.name]: { projection: performanceStagesProjection, topics: PERFORMANCE_STAGE_TOPICS },
  [trainingProjection.name]: { projection: trainingProjection, topics: TRAINING_TOPICS },
  [trainingBudgetsProjection.name]: { projection: trainingBudgetsProjection, topics: TRAINING_BUDGET_TOPICS },
  [trainingEffectProjection.name]: { projection: trainingEffectProjection, topics: TRAINING_EFFECT_TOPICS },
  [coachingProjection.name]: { projection: coachingProjection, topics: COACHING_TOPICS },
  [rewardsProjection.name]: { projection: rewardsProjection, topics: REWARDS_TOPICS },
  [timelineProjection.name]: { projection: timelineProjection, topics: TIMELINE_TOPICS },
};

/** Every reporting projection: Kafka-fed, in the reporting database. */
export const reportingProjectionRegistrations = (): ProjectionRegistration[] =>
  Object.values(REPORTING_PROJECTIONS).map(({ projection, topics }) => ({
    projection,
    source: { kind: 'kafka', topics },
    service: 'reporting',
    openDatabase: (url: string) => openReportingDatabase(url),
  }));

/** What `npm run projections` loads. */
export const PROJECTION_REGISTRATIONS = reportingProjectionRegistrations();
