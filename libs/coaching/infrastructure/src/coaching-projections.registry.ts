import type { ProjectionRegistration } from '@tpm/projections';
import { openCoachingReadDatabase } from './coaching-read-data-source';
import { coachingReadProjection } from './coaching-read.projection';

/** Every coaching projection with its source. */
export const coachingProjectionRegistrations = (): ProjectionRegistration[] => [
  { projection: coachingReadProjection, source: { kind: 'store', context: 'coaching' }, service: 'coaching', openDatabase: (url) => openCoachingReadDatabase(url) },
];

/** What `npm run projections` loads. */
export const PROJECTION_REGISTRATIONS = coachingProjectionRegistrations();
