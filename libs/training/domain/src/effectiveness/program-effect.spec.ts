import { programEffect, type AppraisalPoint } from './program-effect';

const apr = (employeeId: string, period: string, score: number, finalizedAt: string, band = 2, bu = 'sales', indicatorAverage = score): AppraisalPoint => ({
  employeeId,
  businessUnitId: bu,
  period,
  score,
  ratingBandRank: band,
  indicatorAverage,
  finalizedAt,
});
const H1 = '2027-01-15T00:00:00.000Z';
const H2 = '2027-07-15T00:00:00.000Z';

describe('programEffect (L4)', () => {
  it('compares the trained employees’ score change with untrained peers of the same unit and band', () => {
    const result = programEffect(
      'p1',
      [{ employeeId: 'ana', completedAt: '2027-03-10T00:00:00.000Z' }],
      [apr('ana', 'H1', 60, H1), apr('ana', 'H2', 72, H2), apr('ben', 'H1', 61, H1), apr('ben', 'H2', 63, H2), apr('cy', 'H1', 90, H1, 4), apr('cy', 'H2', 80, H2, 4)],
    );
    expect(result.rows).toEqual([
      {
        businessUnitId: 'sales',
        ratingBandRank: 2,
        fromPeriod: 'H1',
        toPeriod: 'H2',
        trained: 1,
        trainedScoreChange: 12,
        trainedIndicatorChange: 12,
        peers: 1,
        peerScoreChange: 2,
        peerIndicatorChange: 2,
        scoreEffect: 10,
        indicatorEffect: 10,
      },
    ]);
    expect(result.overall).toEqual({ trained: 1, scoreEffect: 10, indicatorEffect: 10 });
  });

  it('counts a trained employee without a later appraisal as pending', () => {
    const result = programEffect('p1', [{ employeeId: 'ana', completedAt: '2027-03-10T00:00:00.000Z' }], [apr('ana', 'H1', 60, H1)]);
    expect(result).toMatchObject({ rows: [], pending: 1, overall: { trained: 0, scoreEffect: null } });
  });

  it('reports no effect when there are no peers to compare with', () => {
    const result = programEffect('p1', [{ employeeId: 'ana', completedAt: '2027-03-10T00:00:00.000Z' }], [apr('ana', 'H1', 60, H1), apr('ana', 'H2', 70, H2)]);
    expect(result.rows[0]).toMatchObject({ trained: 1, peers: 0, scoreEffect: null });
  });
});
