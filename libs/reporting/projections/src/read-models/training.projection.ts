import { logTopicOf, topicOf, type Envelope, type TrainingCompleted } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';
import { applyLevels, CELLS, LEVELS, recomputeCells, recomputeSpread, scopeOf, SPREADS, storedScope, touchedBy, unionScopes } from './dashboard-cells';
import { insertRows, keepFirst, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const TRAINING_TABLES = {
  completions: rm('training_completions'),
  enrolments: rm('training_enrolments'),
  needs: rm('training_needs'),
  evaluations: rm('training_evaluations'),
} as const;
/**
 * Completions from the published `training.TrainingCompleted`; enrolments, needs and the
 * Kirkpatrick evaluations are not published (ADR 0024) and are read from `training.log`, ids,
 * levels, scores and dates only (answers, comments and notes are never read).
 */
export const TRAINING_TOPICS = [topicOf('training'), logTopicOf('training'), topicOf('performance')];
const LEVELLED = [CELLS.trainingNeeds, CELLS.trainingCompletions, CELLS.trainingEnrolments, CELLS.trainingEvaluations];

type D = Record<string, unknown> & { employeeId: string; at?: string };

export const trainingProjection: Projection = {
  name: 'training-outcomes',
  version: 1,
  handles: [
    'training.TrainingCompleted',
    'training.EmployeeEnrolled',
    'training.EnrolmentWithdrawn',
    'training.EnrolmentCancelled',
    'training.TrainingNeedIdentified',
    'training.TrainingNeedReassessed',
    'training.TrainingNeedMet',
    'training.TrainingNeedObsoleted',
    'training.ReactionSubmitted',
    'training.LearningTestRecorded',
    'training.BehaviourObserved',
    // The employees' levels, which key the cells (ADR 0032).
    'performance.EmployeeOnboarded',
  ],
  tables: [
    ...Object.values(TRAINING_TABLES),
    LEVELS.training,
    CELLS.trainingNeeds.table,
    CELLS.trainingCompletions.table,
    CELLS.trainingEnrolments.table,
    CELLS.trainingEvaluations.table,
    SPREADS.completionPeople.table,
  ],
  async apply(batch: Envelope[], tx, tables) {
    await applyLevels(tx, tables, batch, LEVELS.training, LEVELLED);
    const completions: Row[] = [];
    const enrolments: Row[] = [];
    const needs: Row[] = [];
    const evaluations: Row[] = [];
    for (const e of batch) {
      const d = e.data as D;
      const at = (d.at as string | undefined) ?? e.occurredAt;
      switch (typeName(e)) {
        case 'TrainingCompleted': {
          // The contract on `.events`; the same event on `.log` is skipped (one source of truth).
          if (e.channel === 'log') break;
          const c = e.data as TrainingCompleted['data'];
          completions.push({
            session_id: c.sessionId, employee_id: c.employeeId, program_id: c.programId, program_version: c.programVersion, business_unit_id: c.businessUnitId,
            exam_score: c.examScore, attendance_share: c.attendanceShare, competencies: c.competencies, completed_at: c.completedAt,
          });
          break;
        }
        case 'EmployeeEnrolled':
          enrolments.push({ session_id: d.sessionId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, enrolled_at: at, withdrawn_at: null });
          break;
        case 'EnrolmentWithdrawn':
        case 'EnrolmentCancelled':
          enrolments.push({ session_id: d.sessionId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, enrolled_at: null, withdrawn_at: at });
          break;
        case 'TrainingNeedIdentified':
        case 'TrainingNeedReassessed':
          needs.push({ need_id: d.needId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, competency: d.competency, source: d.source, gap: d.gap, priority: d.priority, identified_at: at, status: 'open', closed_at: null });
          break;
        case 'TrainingNeedMet':
          needs.push({ need_id: d.needId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, competency: d.competency, status: 'met', met_by: d.by, closed_at: at });
          break;
        case 'TrainingNeedObsoleted':
          needs.push({ need_id: d.needId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, competency: d.competency, status: 'obsolete', closed_at: at });
          break;
        case 'ReactionSubmitted':
          evaluations.push({ event_id: e.eventId, level: 1, program_id: d.programId, session_id: d.sessionId, employee_id: d.employeeId, business_unit_id: e.businessUnitId, value: d.average, recorded_at: at });
          break;
        case 'LearningTestRecorded':
          // L2 counts the gain once both tests are known (the post test carries it).
          if (d.gain === null || d.gain === undefined) break;
          evaluations.push({ event_id: e.eventId, level: 2, program_id: d.programId, session_id: d.sessionId, employee_id: d.employeeId, business_unit_id: e.businessUnitId, value: d.gain, recorded_at: at });
          break;
        case 'BehaviourObserved':
          evaluations.push({ event_id: e.eventId, level: 3, program_id: d.programId, session_id: d.sessionId, employee_id: d.employeeId, business_unit_id: e.businessUnitId, value: d.rating, recorded_at: at });
          break;
      }
    }
    const unit = ['business_unit_id'];
    const mergedCompletions = mergeBy(completions, (r) => `${r.session_id}\u0000${r.employee_id}`, 'last');
    await insertRows(
      tx,
      tables[TRAINING_TABLES.completions],
      [['session_id', 'text'], ['employee_id', 'text'], ['program_id', 'text'], ['program_version', 'int'], ['business_unit_id', 'text'], ['exam_score', 'numeric'], ['attendance_share', 'numeric'], ['competencies', 'text[]'], ['completed_at', 'timestamptz']],
      mergedCompletions,
      'ON CONFLICT (session_id, employee_id) DO NOTHING',
    );
    // Completions and evaluations never change once stored: the batch's units are all that moved.
    await recomputeCells(tx, tables, CELLS.trainingCompletions, scopeOf(mergedCompletions, unit));
    await recomputeSpread(tx, tables, SPREADS.completionPeople, mergedCompletions.map((r) => r.employee_id as string));
    const enrolmentKey = [['session_id', 'text'], ['employee_id', 'text']] as const;
    const mergedEnrolments = mergeBy(enrolments, (r) => `${r.session_id}\u0000${r.employee_id}`, 'first', ['withdrawn_at']);
    const enrolled = await touchedBy(tx, tables[TRAINING_TABLES.enrolments], enrolmentKey, mergedEnrolments, unit, () =>
      insertRows(
        tx,
        tables[TRAINING_TABLES.enrolments],
        [['session_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['enrolled_at', 'timestamptz'], ['withdrawn_at', 'timestamptz']],
        mergedEnrolments,
        `ON CONFLICT (session_id, employee_id) DO UPDATE SET ${keepFirst('t', ['enrolled_at'])}, ${keepLatest('t', ['withdrawn_at', 'business_unit_id'])}`,
      ),
    );
    // An enrolment counts under its session's program, known once a completion of the session is read:
    // a completion of a session re-counts the units enrolled in it.
    const sessions = [...new Set(mergedCompletions.map((r) => r.session_id as string))].map((session_id) => ({ session_id }));
    const enrolledInSessions = await storedScope(tx, tables[TRAINING_TABLES.enrolments], [['session_id', 'text']], sessions, unit);
    await recomputeCells(tx, tables, CELLS.trainingEnrolments, unionScopes(enrolled, scopeOf(enrolledInSessions, unit)));
    const mergedNeeds = mergeBy(needs, (r) => r.need_id as string, 'last');
    const needed = await touchedBy(tx, tables[TRAINING_TABLES.needs], [['need_id', 'text']], mergedNeeds, unit, () =>
      insertRows(
        tx,
        tables[TRAINING_TABLES.needs],
        [['need_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['competency', 'text'], ['source', 'text'], ['gap', 'numeric'], ['priority', 'numeric'], ['identified_at', 'timestamptz'], ['status', 'text'], ['met_by', 'text'], ['closed_at', 'timestamptz']],
        mergedNeeds,
        // Open → met/obsolete only: a reassessment read after the closing never reopens it.
        `ON CONFLICT (need_id) DO UPDATE SET ${keepFirst('t', ['identified_at'])}, ${keepLatest('t', ['source', 'gap', 'priority', 'met_by', 'closed_at'])},
           status = CASE WHEN t.status <> 'open' THEN t.status ELSE EXCLUDED.status END`,
      ),
    );
    await recomputeCells(tx, tables, CELLS.trainingNeeds, needed);
    await insertRows(
      tx,
      tables[TRAINING_TABLES.evaluations],
      [['event_id', 'text'], ['level', 'int'], ['program_id', 'text'], ['session_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['value', 'numeric'], ['recorded_at', 'timestamptz']],
      evaluations,
      'ON CONFLICT (event_id) DO NOTHING',
    );
    await recomputeCells(tx, tables, CELLS.trainingEvaluations, scopeOf(evaluations, unit));
  },
};
