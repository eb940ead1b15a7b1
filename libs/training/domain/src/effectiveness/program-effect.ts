/**
 * Kirkpatrick L4 for one program: how trained employees' appraisal results moved from the
 * appraisal before their training to the first one after it, against untrained peers of the
 * same business unit and rating band over the same two periods. Pure: the read model feeds it.
 */
export interface AppraisalPoint {
  employeeId: string;
  businessUnitId: string;
  period: string;
  score: number;
  ratingBandRank: number;
  /** Average indicator attainment 0-100. */
  indicatorAverage: number;
  finalizedAt: string;
}

export interface CompletionPoint {
  employeeId: string;
  completedAt: string;
}

export interface EffectRow {
  businessUnitId: string;
  ratingBandRank: number;
  fromPeriod: string;
  toPeriod: string;
  trained: number;
  trainedScoreChange: number;
  trainedIndicatorChange: number;
  peers: number;
  peerScoreChange: number | null;
  peerIndicatorChange: number | null;
  /** trained − peers; null without peers to compare against. */
  scoreEffect: number | null;
  indicatorEffect: number | null;
}

export interface ProgramEffect {
  programId: string;
  rows: EffectRow[];
  /** Weighted by trained employees over the rows that have peers. */
  overall: { trained: number; scoreEffect: number | null; indicatorEffect: number | null };
  /** Trained employees still waiting for an appraisal after their training. */
  pending: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export const programEffect = (programId: string, completions: CompletionPoint[], appraisals: AppraisalPoint[]): ProgramEffect => {
  const byEmployee = new Map<string, AppraisalPoint[]>();
  for (const a of [...appraisals].sort((x, y) => Date.parse(x.finalizedAt) - Date.parse(y.finalizedAt))) {
    byEmployee.set(a.employeeId, [...(byEmployee.get(a.employeeId) ?? []), a]);
  }
  const trainedIds = new Set(completions.map((c) => c.employeeId));
  const groups = new Map<string, { before: AppraisalPoint; after: AppraisalPoint }[]>();
  let pending = 0;
  const firstCompletion = new Map<string, string>();
  for (const c of completions) if (!firstCompletion.has(c.employeeId) || c.completedAt < firstCompletion.get(c.employeeId)!) firstCompletion.set(c.employeeId, c.completedAt);
  for (const [employeeId, completedAt] of firstCompletion) {
    const own = byEmployee.get(employeeId) ?? [];
    const before = [...own].reverse().find((a) => Date.parse(a.finalizedAt) <= Date.parse(completedAt));
    const after = own.find((a) => Date.parse(a.finalizedAt) > Date.parse(completedAt));
    if (!before || !after) {
      pending++;
      continue;
    }
    const key = JSON.stringify([before.businessUnitId, before.ratingBandRank, before.period, after.period]);
    groups.set(key, [...(groups.get(key) ?? []), { before, after }]);
  }
  const rows: EffectRow[] = [...groups.entries()].map(([key, pairs]) => {
    const [businessUnitId, ratingBandRank, fromPeriod, toPeriod] = JSON.parse(key) as [string, number, string, string];
    const peerPairs = [...byEmployee.entries()]
      .filter(([id]) => !trainedIds.has(id))
      .map(([, own]) => ({
        before: own.find((a) => a.period === fromPeriod && a.businessUnitId === businessUnitId && a.ratingBandRank === ratingBandRank),
        after: own.find((a) => a.period === toPeriod),
      }))
      .filter((p): p is { before: AppraisalPoint; after: AppraisalPoint } => !!p.before && !!p.after);
    const trainedScore = mean(pairs.map((p) => p.after.score - p.before.score))!;
    const trainedIndicator = mean(pairs.map((p) => p.after.indicatorAverage - p.before.indicatorAverage))!;
    const peerScore = mean(peerPairs.map((p) => p.after.score - p.before.score));
    const peerIndicator = mean(peerPairs.map((p) => p.after.indicatorAverage - p.before.indicatorAverage));
    return {
      businessUnitId,
      ratingBandRank,
      fromPeriod,
      toPeriod,
      trained: pairs.length,
      trainedScoreChange: round(trainedScore),
      trainedIndicatorChange: round(trainedIndicator),
      peers: peerPairs.length,
      peerScoreChange: peerScore === null ? null : round(peerScore),
      peerIndicatorChange: peerIndicator === null ? null : round(peerIndicator),
      scoreEffect: peerScore === null ? null : round(trainedScore - peerScore),
      indicatorEffect: peerIndicator === null ? null : round(trainedIndicator - peerIndicator!),
    };
  });
  const compared = rows.filter((r) => r.scoreEffect !== null);
  const weight = compared.reduce((n, r) => n + r.trained, 0);
  const weighted = (f: (r: EffectRow) => number) => (weight ? round(compared.reduce((n, r) => n + f(r) * r.trained, 0) / weight) : null);
  return {
    programId,
    rows,
    overall: { trained: rows.reduce((n, r) => n + r.trained, 0), scoreEffect: weighted((r) => r.scoreEffect!), indicatorEffect: weighted((r) => r.indicatorEffect!) },
    pending,
  };
};
