import type { Projection, ProjectionRegistration } from '@tpm/projections';
import { AUDIT_TRAIL_TOPICS, auditTrailProjection } from './audit-trail/audit-trail.projection';
import { ORG_STRUCTURE_TOPICS, orgStructureProjection } from './org-structure/org-structure.projection';
import { openReportingDatabase } from './reporting-data-source';

export interface RegisteredProjection {
  projection: Projection;
  topics: string[];
}

/** Every reporting projection by name, with the topics it reads by default. */
export const REPORTING_PROJECTIONS: Record<string, RegisteredProjection> = {
  [orgStructureProjection.name]: { projection: orgStructureProjection as Projection, topics: ORG_STRUCTURE_TOPICS },
  [auditTrailProjection.name]: { projection: auditTrailProjection, topics: AUDIT_TRAIL_TOPICS },
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
