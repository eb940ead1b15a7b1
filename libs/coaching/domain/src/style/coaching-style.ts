/**
 * The coaching style matched to the coachee, a pure and versioned function of the evidence the
 * coaching context holds, so that every stored recommendation can be explained (and replayed) by
 * the version and the inputs it records, like score provenance in performance.
 *
 * v1, first rule that holds wins:
 *   1. specific instruction: an appraisal gap of 2 levels or more that no training completed since
 *      has addressed, or an open skill-gap difficulty (lacks the knowledge or ability: break the
 *      work into steps and track them);
 *   2. directional guidance: an unaddressed gap of 1 level, an open external obstacle, an objective
 *      below 60% completion, or a bottom-band appraisal (rank 1) (has the skills, meets difficulties);
 *   3. encouragement and promotion: an appraisal or tracked objectives and none of the above
 *      (skilled and on track);
 *   4. no evidence at all: directional guidance until there is some.
 */
export const COACHING_STYLES = ['specific-instruction', 'directional-guidance', 'encouragement-and-promotion'] as const;
export type CoachingStyle = (typeof COACHING_STYLES)[number];

export const CURRENT_STYLE_VERSION = 1;
/** An objective below this completion share (0-100) counts as behind in v1. */
export const BEHIND_BELOW = 60;

export interface StyleInputs {
  /** The coachee's last finalized appraisal, as `AppraisalFinalized` carried it. */
  appraisal: { appraisalId: string; period: string; ratingBandRank: number; score: number; competencyGaps: { competency: string; gap: number }[] } | null;
  /** Latest completion (0-100) per objective recorded in the engagement's sessions. */
  objectives: { objectiveId: string; completion: number }[];
  openDifficulties: { skillGaps: number; externalObstacles: number };
  /** Competencies of trainings completed since the appraisal (all when there is none). */
  completedTraining: { competencies: string[]; count: number };
}

export interface StyleRecommendation {
  style: CoachingStyle;
  version: number;
  /** Which rules held, e.g. `competency-gap:negotiation=3`: the why, in stable keys. */
  reasons: string[];
  inputs: StyleInputs;
}

export class UnknownStyleVersion extends Error {}

const key = (competency: string) =>
  competency
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const v1 = (i: StyleInputs): Pick<StyleRecommendation, 'style' | 'reasons'> => {
  const trained = new Set(i.completedTraining.competencies.map(key));
  const gaps = (i.appraisal?.competencyGaps ?? []).filter((g) => g.gap > 0);
  const unaddressed = gaps.filter((g) => !trained.has(key(g.competency)));
  const closedByTraining = gaps.filter((g) => trained.has(key(g.competency))).map((g) => `gap-addressed-by-training:${key(g.competency)}`);
  const instruction = [
    ...unaddressed.filter((g) => g.gap >= 2).map((g) => `competency-gap:${key(g.competency)}=${g.gap}`),
    ...(i.openDifficulties.skillGaps > 0 ? [`open-skill-gaps=${i.openDifficulties.skillGaps}`] : []),
  ];
  if (instruction.length) return { style: 'specific-instruction', reasons: [...instruction, ...closedByTraining] };
  const behind = i.objectives.filter((o) => o.completion < BEHIND_BELOW);
  const guidance = [
    ...unaddressed.map((g) => `competency-gap:${key(g.competency)}=${g.gap}`),
    ...(i.openDifficulties.externalObstacles > 0 ? [`open-external-obstacles=${i.openDifficulties.externalObstacles}`] : []),
    ...behind.map((o) => `objective-behind:${o.objectiveId}=${o.completion}`),
    ...(i.appraisal && i.appraisal.ratingBandRank <= 1 ? ['bottom-band'] : []),
  ];
  if (guidance.length) return { style: 'directional-guidance', reasons: [...guidance, ...closedByTraining] };
  if (i.appraisal || i.objectives.length) return { style: 'encouragement-and-promotion', reasons: ['on-track', ...closedByTraining] };
  return { style: 'directional-guidance', reasons: ['no-evidence-yet'] };
};

const VERSIONS: Record<number, typeof v1> = { 1: v1 };

export const recommendStyle = (inputs: StyleInputs, version: number = CURRENT_STYLE_VERSION): StyleRecommendation => {
  const rules = VERSIONS[version];
  if (!rules) throw new UnknownStyleVersion(`No coaching style rules v${version}`);
  return { ...rules(inputs), version, inputs };
};

/** One difference between two recommendations, so a coach reads what moved the style. */
export interface StyleChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Key order is not meaning: a recommendation read back from the store may list its keys in another order. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, canonical(x)])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** What changed between the last recommendation and this one: style, version, each input. */
export const styleChanges = (previous: StyleRecommendation | null, next: StyleRecommendation): StyleChange[] => {
  if (!previous) return [{ field: 'style', from: null, to: next.style }];
  const changes: StyleChange[] = [];
  if (previous.style !== next.style) changes.push({ field: 'style', from: previous.style, to: next.style });
  if (previous.version !== next.version) changes.push({ field: 'version', from: previous.version, to: next.version });
  const [a, b] = [previous.inputs, next.inputs];
  if (a.appraisal?.appraisalId !== b.appraisal?.appraisalId) {
    changes.push({ field: 'appraisal', from: a.appraisal && { appraisalId: a.appraisal.appraisalId, ratingBandRank: a.appraisal.ratingBandRank, score: a.appraisal.score }, to: b.appraisal && { appraisalId: b.appraisal.appraisalId, ratingBandRank: b.appraisal.ratingBandRank, score: b.appraisal.score } });
  }
  const gapsOf = (s: StyleInputs) => Object.fromEntries((s.appraisal?.competencyGaps ?? []).map((g) => [key(g.competency), g.gap]));
  const [ga, gb] = [gapsOf(a), gapsOf(b)];
  for (const c of [...new Set([...Object.keys(ga), ...Object.keys(gb)])].sort()) {
    if (ga[c] !== gb[c]) changes.push({ field: `gap:${c}`, from: ga[c] ?? 0, to: gb[c] ?? 0 });
  }
  if (!same(a.openDifficulties, b.openDifficulties)) changes.push({ field: 'openDifficulties', from: a.openDifficulties, to: b.openDifficulties });
  if (!same(a.completedTraining, b.completedTraining)) changes.push({ field: 'completedTraining', from: a.completedTraining, to: b.completedTraining });
  if (!same(a.objectives, b.objectives)) changes.push({ field: 'objectives', from: a.objectives, to: b.objectives });
  return changes;
};

export const sameRecommendation = (a: StyleRecommendation | null, b: StyleRecommendation): boolean => a !== null && same(a, b);
