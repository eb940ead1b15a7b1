import type { TrainingCompleted } from '@tpm/contracts';
import { publishedLanguage } from '@tpm/contracts';
import type { SessionEvent } from '@tpm/training-domain';

/**
 * What training publishes on `training.events`: a completed training (performance records it as
 * competency evidence; rewards will recognise it). Needs, plans, programs, resources, enrolments,
 * evaluations, follow-ups and reviews are training's own: they travel on `training.log` only.
 */
export const trainingPublished = publishedLanguage<SessionEvent>({
  TrainingCompleted: (d): TrainingCompleted => ({
    type: 'training.TrainingCompleted',
    version: 1,
    data: {
      employeeId: d.employeeId,
      programId: d.programId,
      programVersion: d.programVersion,
      sessionId: d.sessionId,
      businessUnitId: d.businessUnitId,
      competencies: d.competencies,
      examScore: d.examScore,
      attendanceShare: d.attendanceShare,
      completedAt: d.completedAt,
    },
  }),
});
