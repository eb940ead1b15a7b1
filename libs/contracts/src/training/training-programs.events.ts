import type { Contract } from '../envelope';

export type TrainingMethodName =
  | 'face-to-face'
  | 'online'
  | 'workshop'
  | 'seminar'
  | 'mentoring'
  | 'course-series-with-exam'
  | 'case-sharing'
  | 'role-play'
  | 'one-to-one-case-coaching';

interface ProgramDefinition {
  programId: string;
  title: string;
  competencies: string[];
  method: TrainingMethodName;
  audienceLevel: 'management' | 'staff';
  prerequisites: string[];
  criteria: { minAttendanceShare: number; minExamScore: number | null };
}
interface Finding {
  metric: 'L1 reaction average' | 'L2 learning gain' | 'L4 result effect';
  value: number;
  threshold: number;
}

export type TrainingProgramDefined = Contract<'training.TrainingProgramDefined', 1, ProgramDefinition & { version: 1; at: string }>;
export type TrainingProgramRevised = Contract<'training.TrainingProgramRevised', 1, ProgramDefinition & { version: number; reviewId: string | null; at: string }>;
export type ProgramFlaggedForReview = Contract<
  'training.ProgramFlaggedForReview',
  1,
  { reviewId: string; programId: string; programVersion: number; findings: Finding[]; at: string }
>;
export type ImprovementActionRecorded = Contract<
  'training.ImprovementActionRecorded',
  1,
  { reviewId: string; programId: string; actionId: string; description: string; owner: string; at: string }
>;
export type ProgramReviewClosed = Contract<'training.ProgramReviewClosed', 1, { reviewId: string; programId: string; nextProgramVersion: number; at: string }>;

type Booking = { bookingId: string; sessionId: string | null; from: string; to: string; quantity: number };
export type TrainingResourceRegistered = Contract<
  'training.TrainingResourceRegistered',
  1,
  { resourceId: string; kind: 'material' | 'equipment' | 'venue' | 'trainer'; name: string; quantity: number; at: string }
>;
export type ResourceBooked = Contract<'training.ResourceBooked', 1, Booking & { resourceId: string; kind: 'material' | 'equipment' | 'venue' | 'trainer'; at: string }>;
export type ResourceBookingReleased = Contract<'training.ResourceBookingReleased', 1, { resourceId: string; bookingId: string; reason: string; at: string }>;

export type TrainingProgramEvent =
  | TrainingProgramDefined
  | TrainingProgramRevised
  | ProgramFlaggedForReview
  | ImprovementActionRecorded
  | ProgramReviewClosed
  | TrainingResourceRegistered
  | ResourceBooked
  | ResourceBookingReleased;
