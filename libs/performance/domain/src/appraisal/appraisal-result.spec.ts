import { competencyGaps, nineBox, weightedScore } from './appraisal-result';

describe('appraisal results', () => {
  it('weighs each objective by the mean of its indicator scores', () =>
    expect(weightedScore([{ weight: 60, indicators: [{ score: 50 }, { score: 100 }] }, { weight: 40, indicators: [{ score: 25 }] }])).toBe(55));

  it('lists only the competencies rated below the required level, with the gap', () =>
    expect(
      competencyGaps([
        { competency: 'negotiation', rating: 2, requiredLevel: 4 },
        { competency: 'teamwork', rating: 4, requiredLevel: 4 },
        { competency: 'planning', rating: 5, requiredLevel: 3 },
      ]),
    ).toEqual([{ competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2 }]));

  it('places the rating band in thirds of the band scale for the 9-box, beside the potential', () => {
    expect(nineBox(1, 4, 'high')).toEqual({ performance: 'low', potential: 'high' });
    expect(nineBox(2, 4, 'low')).toEqual({ performance: 'medium', potential: 'low' });
    expect(nineBox(4, 4, 'medium')).toEqual({ performance: 'high', potential: 'medium' });
    expect(nineBox(2, 3, 'medium')).toEqual({ performance: 'medium', potential: 'medium' });
  });
});
