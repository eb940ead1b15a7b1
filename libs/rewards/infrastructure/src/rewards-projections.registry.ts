import type { ProjectionRegistration } from '@tpm/projections';
import { openRewardsReadDatabase } from './rewards-read-data-source';
import { rewardsReadProjection } from './rewards-read.projection';

/** Every rewards projection with its source. */
export const rewardsProjectionRegistrations = (): ProjectionRegistration[] => [
  { projection: rewardsReadProjection, source: { kind: 'store', context: 'rewards' }, service: 'rewards', openDatabase: (url) => openRewardsReadDatabase(url) },
];

/** What `npm run projections` loads. */
export const PROJECTION_REGISTRATIONS = rewardsProjectionRegistrations();
