import { randomUUID } from 'node:crypto';
import type { Envelope, TrainingCompleted } from '@tpm/contracts';

/** The published contract event, exactly as training's relay would put it on `training.events`. */
export const trainingCompleted = (
  employeeId: string,
  { eventId = randomUUID(), traceparent = null }: { eventId?: string; traceparent?: string | null } = {},
): Envelope<TrainingCompleted['type'], TrainingCompleted['data']> => ({
  eventId,
  type: 'training.TrainingCompleted',
  schemaVersion: 1,
  context: 'training',
  streamId: `training-enrolment-${employeeId}`,
  streamVersion: 3,
  position: 42,
  occurredAt: '2027-05-01T10:00:00.000Z',
  recordedAt: '2027-05-01T10:00:00.100Z',
  actor: { subject: 'trainer-1', roles: ['trainer'] },
  businessUnitId: 'BU-SALES',
  correlationId: randomUUID(),
  causationId: null,
  traceparent,
  data: {
    employeeId,
    programId: 'P-NEGOTIATION',
    programVersion: 2,
    sessionId: 'S-2027-05',
    businessUnitId: 'BU-SALES',
    competencies: ['negotiation', 'closing'],
    examScore: 86,
    attendanceShare: 1,
    completedAt: '2027-05-01T10:00:00.000Z',
  },
});
