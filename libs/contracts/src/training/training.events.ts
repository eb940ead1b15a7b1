import type { Contract } from '../envelope';

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
