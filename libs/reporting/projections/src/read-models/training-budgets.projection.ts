import { logTopicOf, type Envelope } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertRows, keepFirst, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const TRAINING_BUDGET_TABLE = rm('training_plan_budgets');
/**
 * Training spend against the approved budget, per plan (a unit and a period). Plans and spend are
 * not published contracts (ADR 0024): they are read from `training.log`, figures and ids only
 * (a spend's description is never read).
 */
export const TRAINING_BUDGET_TOPICS = [logTopicOf('training')];

type PlanData = {
  planId: string;
  businessUnitId?: string;
  period?: string;
  content?: { budget?: number; currency?: string };
  budget?: number;
  spentTotal?: number;
  approvedBudget?: number;
  at?: string;
};

export const trainingBudgetsProjection: Projection = {
  name: 'training-budgets',
  version: 1,
  handles: ['training.TrainingPlanDrafted', 'training.TrainingPlanApproved', 'training.TrainingSpendRecorded'],
  tables: [TRAINING_BUDGET_TABLE],
  async apply(batch: Envelope[], tx, tables) {
    const rows: Row[] = [];
    for (const e of batch) {
      const d = e.data as PlanData;
      const at = d.at ?? e.occurredAt;
      switch (typeName(e)) {
        case 'TrainingPlanDrafted':
          rows.push({ plan_id: d.planId, business_unit_id: d.businessUnitId ?? e.businessUnitId, period: d.period ?? null, currency: d.content?.currency ?? null, drafted_at: at });
          break;
        case 'TrainingPlanApproved':
          rows.push({ plan_id: d.planId, business_unit_id: e.businessUnitId, approved_budget: d.budget ?? null, approved_at: at });
          break;
        case 'TrainingSpendRecorded':
          // The running total the plan computed, not a sum here: a redelivered spend changes nothing.
          rows.push({ plan_id: d.planId, business_unit_id: e.businessUnitId, approved_budget: d.approvedBudget ?? null, spent_total: d.spentTotal ?? null, last_spend_at: at });
          break;
      }
    }
    await insertRows(
      tx,
      tables[TRAINING_BUDGET_TABLE],
      [['plan_id', 'text'], ['business_unit_id', 'text'], ['period', 'text'], ['currency', 'text'], ['approved_budget', 'numeric'], ['spent_total', 'numeric'], ['drafted_at', 'timestamptz'], ['approved_at', 'timestamptz'], ['last_spend_at', 'timestamptz']],
      mergeBy(rows, (r) => r.plan_id as string, 'first', ['approved_budget', 'spent_total', 'last_spend_at', 'approved_at']),
      `ON CONFLICT (plan_id) DO UPDATE SET ${keepFirst('t', ['period', 'currency', 'drafted_at', 'business_unit_id'])},
         ${keepLatest('t', ['approved_budget', 'approved_at'])},
         spent_total = GREATEST(COALESCE(t.spent_total, 0), COALESCE(EXCLUDED.spent_total, 0)),
         last_spend_at = GREATEST(t.last_spend_at, EXCLUDED.last_spend_at)`,
    );
  },
};

export class TrainingPlanBudgets1760000000802 implements MigrationInterface {
  name = 'TrainingPlanBudgets1760000000802';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${TRAINING_BUDGET_TABLE} (
      plan_id text PRIMARY KEY, business_unit_id text, period text, currency text,
      approved_budget numeric, spent_total numeric, drafted_at timestamptz, approved_at timestamptz, last_spend_at timestamptz)`);
    await q.query(`CREATE INDEX training_plan_budgets_unit_idx ON ${TRAINING_BUDGET_TABLE} (business_unit_id, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${TRAINING_BUDGET_TABLE}`);
  }
}
