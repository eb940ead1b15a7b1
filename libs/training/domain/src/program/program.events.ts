import type { Message } from '@tpm/kernel';
import type { CompletionCriteria } from '../session/session.events';

export const TRAINING_METHODS = [
  'face-to-face',
  'online',
  'workshop',
  'seminar',
  'mentoring',
  'course-series-with-exam',
  'case-sharing',
  'role-play',
  'one-to-one-case-coaching',
] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];
/** Management learns to run the system (scoring, appraisal interviews); staff its purpose, simply. */
export type AudienceLevel = 'management' | 'staff';

export interface ProgramDefinition {
  programId: string;
  /**
   * The unit that owns the program: its HR revise it and read its evaluations. Null: the
   * organization's own (shared catalogue), changed only with scope over the organization root.
   * Events stored before owning units existed carry none and read as null (ADR 0018).
   */
  businessUnitId: string | null;
  title: string;
  competencies: string[];
  method: TrainingMethod;
  audienceLevel: AudienceLevel;
  /** Programs an employee must have completed first. */
  prerequisites: string[];
  criteria: CompletionCriteria;
}

export type TrainingProgramDefined = Message<'TrainingProgramDefined', ProgramDefinition & { version: 1; at: string }>;
/** A new version; `reviewId` links it to the review whose improvement actions it carries out. */
export type TrainingProgramRevised = Message<'TrainingProgramRevised', ProgramDefinition & { version: number; reviewId: string | null; at: string }>;

export type ProgramEvent = TrainingProgramDefined | TrainingProgramRevised;
