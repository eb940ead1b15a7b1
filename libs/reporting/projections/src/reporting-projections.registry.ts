import type { Projection } from '@tpm/projections';
import { AUDIT_TRAIL_TOPICS, auditTrailProjection } from './audit-trail/audit-trail.projection';
import { ORG_STRUCTURE_TOPICS, orgStructureProjection } from './org-structure/org-structure.projection';

export interface RegisteredProjection {
  projection: Projection;
  topics: string[];
}

/** Every reporting projection by name, with the topics it reads by default. */
export const REPORTING_PROJECTIONS: Record<string, RegisteredProjection> = {
  [orgStructureProjection.name]: { projection: orgStructureProjection as Projection, topics: ORG_STRUCTURE_TOPICS },
  [auditTrailProjection.name]: { projection: auditTrailProjection, topics: AUDIT_TRAIL_TOPICS },
};
