import { contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { array, instant, nullable, number, object, string } from '../schema';

/** An employee met a program's completion criteria (attendance share, exam score). */
export type TrainingCompleted = Contract<
  'training.TrainingCompleted',
  1,
  {
    employeeId: string;
    programId: string;
    programVersion: number;
    sessionId: string;
    businessUnitId: string;
    /** Competencies the program addresses: performance records them as evidence. */
    competencies: string[];
    /** Exam score 0-100 when the program has an exam. */
    examScore: number | null;
    attendanceShare: number;
    completedAt: string;
  }
>;

export const TrainingCompletedContract = contractVersion<TrainingCompleted>(
  'training.TrainingCompleted',
  1,
  object({
    employeeId: string(),
    programId: string(),
    programVersion: number(),
    sessionId: string(),
    businessUnitId: string(),
    competencies: array(string()),
    examScore: nullable(number()),
    attendanceShare: number(),
    completedAt: instant(),
  }),
);

export const TRAINING_CONTRACTS = [TrainingCompletedContract];
