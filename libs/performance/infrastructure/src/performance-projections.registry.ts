import type { ProjectionRegistration } from '@tpm/projections';
import { openPerformanceReadDatabase } from './performance-read-data-source';
import { performanceReadProjection } from './performance-read.projection';

/** Every performance projection with its source: the one read model, fed from the service's own store. */
export const performanceProjectionRegistrations = (): ProjectionRegistration[] => [
  { projection: performanceReadProjection, source: { kind: 'store', context: 'performance' }, service: 'performance', openDatabase: (url) => openPerformanceReadDatabase(url) },
];

/** What `npm run projections` loads. */
export const PROJECTION_REGISTRATIONS = performanceProjectionRegistrations();
