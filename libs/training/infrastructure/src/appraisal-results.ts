import type { AppraisalFinalized } from '@tpm/contracts';
import type { Queryable } from '@tpm/scheduler';

/** Keeps each finalized appraisal's score, band and indicators: the raw material of L4. */
export async function recordAppraisal(tx: Queryable, d: AppraisalFinalized['data']): Promise<void> {
  const indicatorAverage = d.indicators.length ? d.indicators.reduce((n, i) => n + i.score, 0) / d.indicators.length : d.score;
  await tx.query(
    `INSERT INTO training_read.appraisals (appraisal_id, employee_id, business_unit_id, period, score, rating_band, rating_band_rank, indicator_average, finalized_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (appraisal_id) DO NOTHING`,
    [d.appraisalId, d.employeeId, d.businessUnitId, d.period, d.score, d.ratingBand, d.ratingBandRank, indicatorAverage, d.finalizedAt],
  );
}
