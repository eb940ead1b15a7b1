import type { RecordedEvent } from '@tpm/event-store';
import type { Queryable } from '@tpm/scheduler';
import type { NeedEvent, SessionEvent, EvaluationEvent } from '@tpm/training-domain';

type Of<U extends { type: string; data: unknown }, T extends U['type']> = Extract<U, { type: T }>['data'];

/** Folds one of the service's own events into the read tables; idempotent per row. */
export async function projectTrainingEvent(e: RecordedEvent, tx: Queryable): Promise<void> {
  switch (e.type) {
    case 'TrainingNeedIdentified':
    case 'TrainingNeedReassessed': {
      const d = e.data as Of<NeedEvent, 'TrainingNeedIdentified'>;
      await tx.query(
        `INSERT INTO training_read.needs (need_id, stream_id, employee_id, business_unit_id, competency, current_level, required_level, gap,
           source, source_ref, strategic_weight, priority, priority_version, status, correlation_id, identified_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,'open',$14,$15)
         ON CONFLICT (need_id) DO UPDATE SET current_level = EXCLUDED.current_level, required_level = EXCLUDED.required_level, gap = EXCLUDED.gap,
           source = EXCLUDED.source, source_ref = EXCLUDED.source_ref, strategic_weight = EXCLUDED.strategic_weight, priority = EXCLUDED.priority,
           priority_version = EXCLUDED.priority_version`,
        [d.needId, e.streamId, d.employeeId, d.businessUnitId, d.competency, d.currentLevel, d.requiredLevel, d.gap, d.source, d.sourceRef,
          d.strategicWeight, d.priority, d.priorityVersion, e.metadata.correlationId, d.at],
      );
      return;
    }
    case 'TrainingNeedMet':
    case 'TrainingNeedObsoleted': {
      const d = e.data as Of<NeedEvent, 'TrainingNeedMet'>;
      const status = e.type === 'TrainingNeedMet' ? 'met' : 'obsolete';
      await tx.query(`UPDATE training_read.needs SET status = $2, closed_at = $3, closed_by = $4 WHERE need_id = $1`, [d.needId, status, d.at, d.by ?? null]);
      return;
    }
    case 'EmployeeEnrolled':
    case 'EmployeeWaitlisted': {
      const d = e.data as Of<SessionEvent, 'EmployeeEnrolled'>;
      const status = e.type === 'EmployeeEnrolled' ? 'seated' : 'waitlisted';
      await tx.query(
        `INSERT INTO training_read.enrolments (session_id, employee_id, business_unit_id, status, via, enrolled_at) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (session_id, employee_id) DO UPDATE SET status = EXCLUDED.status, via = EXCLUDED.via`,
        [d.sessionId, d.employeeId, d.businessUnitId, status, d.via ?? null, d.at],
      );
      return;
    }
    case 'EnrolmentWithdrawn':
    case 'EnrolmentCancelled': {
      const d = e.data as Of<SessionEvent, 'EnrolmentWithdrawn'>;
      const status = e.type === 'EnrolmentWithdrawn' ? 'withdrawn' : 'cancelled';
      await tx.query(`UPDATE training_read.enrolments SET status = $3 WHERE session_id = $1 AND employee_id = $2`, [d.sessionId, d.employeeId, status]);
      return;
    }
    case 'TrainingCompleted': {
      const d = e.data as Of<SessionEvent, 'TrainingCompleted'>;
      await tx.query(
        `INSERT INTO training_read.completions (employee_id, program_id, session_id, business_unit_id, completed_at) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT DO NOTHING`,
        [d.employeeId, d.programId, d.sessionId, d.businessUnitId, d.completedAt],
      );
      await tx.query(`UPDATE training_read.enrolments SET status = 'completed' WHERE session_id = $1 AND employee_id = $2`, [d.sessionId, d.employeeId]);
      return;
    }
    case 'ReactionSubmitted':
    case 'LearningTestRecorded':
    case 'BehaviourObserved': {
      const d = e.data as Of<EvaluationEvent, 'ReactionSubmitted'> & Partial<Of<EvaluationEvent, 'LearningTestRecorded'>> & Partial<Of<EvaluationEvent, 'BehaviourObserved'>>;
      const column = { ReactionSubmitted: 'reaction_average', LearningTestRecorded: d.phase === 'pre' ? 'pre_score' : 'post_score', BehaviourObserved: 'behaviour_rating' }[e.type];
      const value = e.type === 'ReactionSubmitted' ? d.average : e.type === 'LearningTestRecorded' ? d.score : d.rating;
      await tx.query(
        `INSERT INTO training_read.evaluations (session_id, employee_id, program_id, ${column}) VALUES ($1,$2,$3,$4)
         ON CONFLICT (session_id, employee_id) DO UPDATE SET ${column} = EXCLUDED.${column}`,
        [d.sessionId, d.employeeId, d.programId, value],
      );
      if (e.type === 'LearningTestRecorded' && d.gain !== null && d.gain !== undefined) {
        await tx.query(`UPDATE training_read.evaluations SET learning_gain = $3 WHERE session_id = $1 AND employee_id = $2`, [d.sessionId, d.employeeId, d.gain]);
      }
      return;
    }
    default:
      return;
  }
}
