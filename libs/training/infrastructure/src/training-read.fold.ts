import type { Envelope } from '@tpm/contracts';
import type { EvaluationEvent, NeedEvent, SessionEvent } from '@tpm/training-domain';

type Of<U extends { type: string; data: unknown }, T extends U['type']> = Extract<U, { type: T }>['data'];

export interface NeedRow {
  needId: string; streamId: string; employeeId: string | null; businessUnitId: string; competency: string;
  currentLevel: number; requiredLevel: number; gap: number; source: string; sourceRef: string | null;
  strategicWeight: number; priority: number; priorityVersion: number; correlationId: string; identifiedAt: string;
}
export interface NeedClosure { needId: string; status: 'met' | 'obsolete'; closedAt: string; closedBy: string | null }
export interface EnrolmentRow { sessionId: string; employeeId: string; businessUnitId: string; enrolledAt: string; status: string; via: string | null }
export interface EnrolmentStatus { sessionId: string; employeeId: string; status: string }
export interface CompletionRow { employeeId: string; programId: string; sessionId: string; businessUnitId: string; completedAt: string }
/** Evaluation columns present in the batch, by column name: an absent key keeps the stored value. */
export type EvaluationPatch = { sessionId: string; employeeId: string; programId: string } & Partial<
  Record<'reaction_average' | 'pre_score' | 'post_score' | 'learning_gain' | 'behaviour_rating', number | null>
>;

export interface TrainingReadChanges {
  needs: NeedRow[];
  closures: NeedClosure[];
  /** Enrolled in this batch: inserted or updated to their final status. */
  enrolments: EnrolmentRow[];
  /** Not enrolled in this batch: only their status moves (when the row exists). */
  statuses: EnrolmentStatus[];
  completions: CompletionRow[];
  evaluations: EvaluationPatch[];
}

const MUTABLE_NEED = ['currentLevel', 'requiredLevel', 'gap', 'source', 'sourceRef', 'strategicWeight', 'priority', 'priorityVersion'] as const;

/**
 * Folds a batch, in log order, into one change per row, so the SQL can be set-based and still
 * end where applying the events one by one would have.
 */
export function foldTrainingBatch(batch: Envelope[]): TrainingReadChanges {
  const needs = new Map<string, NeedRow>();
  const closures = new Map<string, NeedClosure>();
  const enrolments = new Map<string, EnrolmentRow | EnrolmentStatus>();
  const completions: CompletionRow[] = [];
  const evaluations = new Map<string, EvaluationPatch>();
  for (const e of batch) {
    switch (e.type) {
      case 'training.TrainingNeedIdentified':
      case 'training.TrainingNeedReassessed': {
        const d = e.data as Of<NeedEvent, 'TrainingNeedIdentified'>;
        const fresh: NeedRow = {
          needId: d.needId, streamId: e.streamId, employeeId: d.employeeId ?? null, businessUnitId: d.businessUnitId, competency: d.competency,
          currentLevel: d.currentLevel, requiredLevel: d.requiredLevel, gap: d.gap, source: d.source, sourceRef: d.sourceRef ?? null,
          strategicWeight: d.strategicWeight, priority: d.priority, priorityVersion: d.priorityVersion, correlationId: e.correlationId, identifiedAt: d.at,
        };
        const seen = needs.get(d.needId);
        // The first event of the batch gives the inserted row; later ones only its mutable fields.
        needs.set(d.needId, seen ? { ...seen, ...Object.fromEntries(MUTABLE_NEED.map((k) => [k, fresh[k]])) } : fresh);
        break;
      }
      case 'training.TrainingNeedMet':
      case 'training.TrainingNeedObsoleted': {
        const d = e.data as Of<NeedEvent, 'TrainingNeedMet'>;
        closures.set(d.needId, { needId: d.needId, status: e.type === 'training.TrainingNeedMet' ? 'met' : 'obsolete', closedAt: d.at, closedBy: d.by ?? null });
        break;
      }
      case 'training.EmployeeEnrolled':
      case 'training.EmployeeWaitlisted': {
        const d = e.data as Of<SessionEvent, 'EmployeeEnrolled'>;
        const key = `${d.sessionId}\u0000${d.employeeId}`;
        const seen = enrolments.get(key);
        const status = e.type === 'training.EmployeeEnrolled' ? 'seated' : 'waitlisted';
        enrolments.set(
          key,
          seen && 'enrolledAt' in seen
            ? { ...seen, status, via: d.via ?? null }
            : { sessionId: d.sessionId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, enrolledAt: d.at, status, via: d.via ?? null },
        );
        break;
      }
      case 'training.EnrolmentWithdrawn':
      case 'training.EnrolmentCancelled':
      case 'training.TrainingCompleted': {
        const d = e.data as Of<SessionEvent, 'EnrolmentWithdrawn'>;
        const status = { 'training.EnrolmentWithdrawn': 'withdrawn', 'training.EnrolmentCancelled': 'cancelled', 'training.TrainingCompleted': 'completed' }[e.type];
        const key = `${d.sessionId}\u0000${d.employeeId}`;
        enrolments.set(key, { ...(enrolments.get(key) ?? { sessionId: d.sessionId, employeeId: d.employeeId }), status });
        if (e.type === 'training.TrainingCompleted') {
          const c = e.data as Of<SessionEvent, 'TrainingCompleted'>;
          completions.push({ employeeId: c.employeeId, programId: c.programId, sessionId: c.sessionId, businessUnitId: c.businessUnitId, completedAt: c.completedAt });
        }
        break;
      }
      case 'training.ReactionSubmitted':
      case 'training.LearningTestRecorded':
      case 'training.BehaviourObserved': {
        const d = e.data as Of<EvaluationEvent, 'ReactionSubmitted'> & Partial<Of<EvaluationEvent, 'LearningTestRecorded'>> & Partial<Of<EvaluationEvent, 'BehaviourObserved'>>;
        const key = `${d.sessionId}\u0000${d.employeeId}`;
        const patch = evaluations.get(key) ?? { sessionId: d.sessionId, employeeId: d.employeeId, programId: d.programId };
        if (e.type === 'training.ReactionSubmitted') patch.reaction_average = d.average;
        else if (e.type === 'training.BehaviourObserved') patch.behaviour_rating = d.rating;
        else {
          patch[d.phase === 'pre' ? 'pre_score' : 'post_score'] = d.score;
          if (d.gain !== null && d.gain !== undefined) patch.learning_gain = d.gain;
        }
        evaluations.set(key, patch);
        break;
      }
      default:
        break;
    }
  }
  const all = [...enrolments.values()];
  return {
    needs: [...needs.values()],
    closures: [...closures.values()],
    enrolments: all.filter((r): r is EnrolmentRow => 'enrolledAt' in r),
    statuses: all.filter((r) => !('enrolledAt' in r)),
    completions,
    evaluations: [...evaluations.values()],
  };
}
