import type { ProjectionRegistration } from '@tpm/projections';
import { openTrainingReadDatabase } from './training-read-data-source';
import { APPRAISAL_TOPICS, trainingAppraisalsProjection, trainingReadProjection } from './training-read.projection';

/** Every training projection with its source; built on call so topics take the namespace set at boot. */
export const trainingProjectionRegistrations = (): ProjectionRegistration[] => [
  { projection: trainingReadProjection, source: { kind: 'store', context: 'training' }, service: 'training', openDatabase: (url) => openTrainingReadDatabase(url) },
  {
    projection: trainingAppraisalsProjection as ProjectionRegistration['projection'],
    source: { kind: 'kafka', topics: APPRAISAL_TOPICS() },
    service: 'training',
    openDatabase: (url) => openTrainingReadDatabase(url),
  },
];

/** What `npm run projections` loads. */
export const PROJECTION_REGISTRATIONS = trainingProjectionRegistrations();
