import type { CompletionCriteria } from './session.events';

export interface CompletionJudgement {
  completed: boolean;
  attendanceShare: number;
  reasons: string[];
}

/** Completion is decided by criteria, never by a trainer's say-so: attendance share and exam score. */
export const judgeCompletion = (
  attended: number,
  meetings: number,
  examScore: number | null,
  criteria: CompletionCriteria,
): CompletionJudgement => {
  const attendanceShare = Math.round((attended / meetings) * 1000) / 1000;
  const reasons: string[] = [];
  if (attendanceShare < criteria.minAttendanceShare) reasons.push(`attendance ${attendanceShare} below ${criteria.minAttendanceShare}`);
  if (criteria.minExamScore !== null) {
    if (examScore === null) reasons.push('no exam score');
    else if (examScore < criteria.minExamScore) reasons.push(`exam score ${examScore} below ${criteria.minExamScore}`);
  }
  return { completed: reasons.length === 0, attendanceShare, reasons };
};
