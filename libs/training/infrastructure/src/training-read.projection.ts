import { topicOf, type AppraisalFinalized, type Envelope } from '@tpm/contracts';
import { quoteTable, type Projection } from '@tpm/projections';
import { foldTrainingBatch } from './training-read.fold';

export const TRAINING_READ_TABLES = {
  needs: 'training_read.needs',
  enrolments: 'training_read.enrolments',
  completions: 'training_read.completions',
  evaluations: 'training_read.evaluations',
} as const;
export const APPRAISALS_TABLE = 'training_read.appraisals';

const EVALUATION_COLUMNS = ['reaction_average', 'pre_score', 'post_score', 'learning_gain', 'behaviour_rating'] as const;

/** Needs, enrolments, completions and evaluations: the training service's own events, from its store. */
/** The store-fed read model's name: commands and reactions wait on it by this name. */
export const TRAINING_READ = 'training-read';

export const trainingReadProjection: Projection = {
  name: TRAINING_READ,
  version: 1,
  handles: [
    'TrainingNeedIdentified', 'TrainingNeedReassessed', 'TrainingNeedMet', 'TrainingNeedObsoleted',
    'EmployeeEnrolled', 'EmployeeWaitlisted', 'EnrolmentWithdrawn', 'EnrolmentCancelled', 'TrainingCompleted',
    'ReactionSubmitted', 'LearningTestRecorded', 'BehaviourObserved',
  ].map((t) => `training.${t}`),
  tables: Object.values(TRAINING_READ_TABLES),
  // The runner's transaction also stores the checkpoint: never commit here.
  async apply(batch, tx, tables) {
    const needs = quoteTable(tables[TRAINING_READ_TABLES.needs]);
    const enrolments = quoteTable(tables[TRAINING_READ_TABLES.enrolments]);
    const completions = quoteTable(tables[TRAINING_READ_TABLES.completions]);
    const evaluations = quoteTable(tables[TRAINING_READ_TABLES.evaluations]);
    const c = foldTrainingBatch(batch);

    if (c.needs.length) {
      await tx.query(
        `INSERT INTO ${needs} (need_id, stream_id, employee_id, business_unit_id, competency, current_level, required_level, gap,
           source, source_ref, strategic_weight, priority, priority_version, status, correlation_id, identified_at)
         SELECT n->>'needId', n->>'streamId', n->>'employeeId', n->>'businessUnitId', n->>'competency', (n->>'currentLevel')::int,
                (n->>'requiredLevel')::int, (n->>'gap')::int, n->>'source', n->>'sourceRef', (n->>'strategicWeight')::numeric,
                (n->>'priority')::numeric, (n->>'priorityVersion')::int, 'open', n->>'correlationId', (n->>'identifiedAt')::timestamptz
           FROM jsonb_array_elements($1::jsonb) n
         ON CONFLICT (need_id) DO UPDATE SET current_level = EXCLUDED.current_level, required_level = EXCLUDED.required_level, gap = EXCLUDED.gap,
           source = EXCLUDED.source, source_ref = EXCLUDED.source_ref, strategic_weight = EXCLUDED.strategic_weight, priority = EXCLUDED.priority,
           priority_version = EXCLUDED.priority_version`,
        [JSON.stringify(c.needs)],
      );
    }
    if (c.closures.length) {
      await tx.query(
        `UPDATE ${needs} r SET status = x->>'status', closed_at = (x->>'closedAt')::timestamptz, closed_by = x->>'closedBy'
           FROM jsonb_array_elements($1::jsonb) x WHERE r.need_id = x->>'needId'`,
        [JSON.stringify(c.closures)],
      );
    }
    if (c.enrolments.length) {
      await tx.query(
        `INSERT INTO ${enrolments} (session_id, employee_id, business_unit_id, status, via, enrolled_at)
         SELECT x->>'sessionId', x->>'employeeId', x->>'businessUnitId', x->>'status', x->>'via', (x->>'enrolledAt')::timestamptz
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (session_id, employee_id) DO UPDATE SET status = EXCLUDED.status, via = EXCLUDED.via`,
        [JSON.stringify(c.enrolments)],
      );
    }
    if (c.statuses.length) {
      await tx.query(
        `UPDATE ${enrolments} r SET status = x->>'status'
           FROM jsonb_array_elements($1::jsonb) x WHERE r.session_id = x->>'sessionId' AND r.employee_id = x->>'employeeId'`,
        [JSON.stringify(c.statuses)],
      );
    }
    if (c.completions.length) {
      await tx.query(
        `INSERT INTO ${completions} (employee_id, program_id, session_id, business_unit_id, completed_at)
         SELECT x->>'employeeId', x->>'programId', x->>'sessionId', x->>'businessUnitId', (x->>'completedAt')::timestamptz
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(c.completions)],
      );
    }
    if (c.evaluations.length) {
      const rows = JSON.stringify(c.evaluations);
      await tx.query(
        `INSERT INTO ${evaluations} (session_id, employee_id, program_id)
         SELECT x->>'sessionId', x->>'employeeId', x->>'programId' FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT DO NOTHING`,
        [rows],
      );
      // A key present in the patch (even with null) sets the column; an absent key keeps it.
      await tx.query(
        `UPDATE ${evaluations} r SET ${EVALUATION_COLUMNS.map((col) => `${col} = CASE WHEN x ? '${col}' THEN (x->>'${col}')::numeric ELSE r.${col} END`).join(', ')}
           FROM jsonb_array_elements($1::jsonb) x WHERE r.session_id = x->>'sessionId' AND r.employee_id = x->>'employeeId'`,
        [rows],
      );
    }
  },
};

export const APPRAISAL_TOPICS = () => [topicOf('performance')];

/** Each finalized appraisal's score, band and indicators: the raw material of L4, from performance's published events. */
export const trainingAppraisalsProjection: Projection<Envelope<AppraisalFinalized['type'], AppraisalFinalized['data']>> = {
  name: 'training-appraisals',
  version: 1,
  handles: ['performance.AppraisalFinalized'],
  tables: [APPRAISALS_TABLE],
  async apply(batch, tx, tables) {
    const rows = batch.map(({ data: d }) => ({
      ...d,
      indicatorAverage: d.indicators.length ? d.indicators.reduce((n, i) => n + i.score, 0) / d.indicators.length : d.score,
    }));
    // An appraisal is final: the first copy read wins, as the inbox did.
    await tx.query(
      `INSERT INTO ${quoteTable(tables[APPRAISALS_TABLE])} (appraisal_id, employee_id, business_unit_id, period, score, rating_band, rating_band_rank, indicator_average, finalized_at)
       SELECT a->>'appraisalId', a->>'employeeId', a->>'businessUnitId', a->>'period', (a->>'score')::numeric, a->>'ratingBand',
              (a->>'ratingBandRank')::int, (a->>'indicatorAverage')::numeric, (a->>'finalizedAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) a
       ON CONFLICT (appraisal_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
};
