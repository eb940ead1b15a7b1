import { recommendStyle, styleChanges, sameRecommendation, UnknownStyleVersion, type StyleInputs } from './coaching-style';

const none: StyleInputs = { appraisal: null, objectives: [], openDifficulties: { skillGaps: 0, externalObstacles: 0 }, completedTraining: { competencies: [], count: 0 } };
const appraisal = (gaps: { competency: string; gap: number }[], rank = 3): StyleInputs['appraisal'] => ({ appraisalId: 'a1', period: '2027', ratingBandRank: rank, score: 70, competencyGaps: gaps });

describe('recommendStyle v1', () => {
  it('recommends specific instruction for an unaddressed gap of two levels or more', () =>
    expect(recommendStyle({ ...none, appraisal: appraisal([{ competency: 'Negotiation', gap: 2 }]) })).toMatchObject({ style: 'specific-instruction', version: 1, reasons: ['competency-gap:negotiation=2'] }));
  it('recommends specific instruction for an open skill-gap difficulty', () =>
    expect(recommendStyle({ ...none, openDifficulties: { skillGaps: 1, externalObstacles: 0 } }).style).toBe('specific-instruction'));
  it('counts a gap addressed by a completed training as closed', () =>
    expect(recommendStyle({ ...none, appraisal: appraisal([{ competency: 'Negotiation', gap: 3 }]), completedTraining: { competencies: ['negotiation'], count: 1 } })).toMatchObject({
      style: 'encouragement-and-promotion',
      reasons: ['on-track', 'gap-addressed-by-training:negotiation'],
    }));
  it('recommends directional guidance for a one-level gap, an external obstacle, an objective behind, or the bottom band', () => {
    expect(recommendStyle({ ...none, appraisal: appraisal([{ competency: 'Planning', gap: 1 }]) }).style).toBe('directional-guidance');
    expect(recommendStyle({ ...none, appraisal: appraisal([]), openDifficulties: { skillGaps: 0, externalObstacles: 1 } }).style).toBe('directional-guidance');
    expect(recommendStyle({ ...none, objectives: [{ objectiveId: 'o1', completion: 59 }] }).reasons).toEqual(['objective-behind:o1=59']);
    expect(recommendStyle({ ...none, appraisal: appraisal([], 1) }).reasons).toEqual(['bottom-band']);
  });
  it('recommends encouragement and promotion when skilled and on track', () =>
    expect(recommendStyle({ ...none, appraisal: appraisal([]), objectives: [{ objectiveId: 'o1', completion: 80 }] }).style).toBe('encouragement-and-promotion'));
  it('guides until there is any evidence', () => expect(recommendStyle(none)).toMatchObject({ style: 'directional-guidance', reasons: ['no-evidence-yet'] }));
  it('records the inputs it decided on', () => expect(recommendStyle(none).inputs).toBe(none));
  it('refuses a rules version that does not exist', () => expect(() => recommendStyle(none, 9)).toThrow(UnknownStyleVersion));
});

describe('styleChanges', () => {
  it('says what changed between two recommendations: style, appraisal, each gap, evidence', () => {
    const before = recommendStyle({ ...none, appraisal: appraisal([{ competency: 'Negotiation', gap: 3 }]) });
    const after = recommendStyle({ ...none, appraisal: { ...appraisal([{ competency: 'Negotiation', gap: 1 }])!, appraisalId: 'a2' } });
    expect(styleChanges(before, after).map((c) => c.field)).toEqual(['style', 'appraisal', 'gap:negotiation']);
    expect(styleChanges(before, after)[2]).toEqual({ field: 'gap:negotiation', from: 3, to: 1 });
  });
  it('names the first style when there was none', () => expect(styleChanges(null, recommendStyle(none))).toEqual([{ field: 'style', from: null, to: 'directional-guidance' }]));
  it('treats the same evidence in another key order as the same recommendation', () => {
    const r = recommendStyle(none);
    const reordered = JSON.parse(JSON.stringify({ version: r.version, style: r.style, inputs: { ...r.inputs, openDifficulties: { externalObstacles: 0, skillGaps: 0 } }, reasons: r.reasons }));
    expect(sameRecommendation(reordered, r)).toBe(true);
  });
});
