/// <reference lib="dom" />
import { get } from '../api';
import { apiParams, readFilters } from '../filters';
import { chartCard, el, emptyCard, fmt, kpi, table } from '../ui';

interface Training {
  completions: number;
  budgets?: { planId: string; businessUnitId: string; period: string | null; currency: string | null; approvedBudget: number | null; spent: number | null; spentPercent: number | null }[];
  needs: { competency: string; source: string; open: number; met: number }[];
  programs: {
    programId: string;
    completed: number;
    people: number;
    enrolled: number | null;
    completionPercent: number | null;
    meanExamScore: number | null;
    l4TrainedChange: number | null;
    l4UntrainedChange: number | null;
    l4Effect: number | null;
  }[];
  kirkpatrick: { programId: string; l1: number | null; l2: number | null; l3: number | null; evaluations: number }[];
}

export async function trainingPage(main: HTMLElement) {
  const t = await get<Training>('reporting', '/dashboards/training', apiParams(readFilters()));
  main.replaceChildren(el('<h1>Training</h1>'));
  if (!t.completions && !t.needs.length) {
    main.append(emptyCard('Training', 'No needs or completed trainings in these units yet. Needs come from appraisals and requests in the training service; completions from its sessions.', 'training-empty'));
    return;
  }
  const open = t.needs.reduce((n, x) => n + x.open, 0);
  const met = t.needs.reduce((n, x) => n + x.met, 0);
  main.append(el(`<div class="kpis">${kpi('Completed trainings', String(t.completions), 'kpi-completions')}${kpi('Open needs', String(open), 'kpi-open-needs')}${kpi('Met needs', String(met), 'kpi-met-needs')}</div>`));
  const grid = el('<div class="grid"></div>');
  const comps = [...new Set(t.needs.map((n) => n.competency))].slice(0, 25);
  const sum = (c: string, k: 'open' | 'met') => t.needs.filter((n) => n.competency === c).reduce((s, n) => s + n[k], 0);
  grid.append(
    comps.length
      ? chartCard('Needs by competency', `Stacked bars of open and met needs for ${comps.length} competencies`, {
          grid: { left: 50, right: 20, top: 40, bottom: 60 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: comps, axisLabel: { rotate: 30 } },
          yAxis: { type: 'value', name: 'needs' },
          series: [
            { name: 'open', type: 'bar', stack: 'n', data: comps.map((c) => sum(c, 'open')) },
            { name: 'met', type: 'bar', stack: 'n', data: comps.map((c) => sum(c, 'met')) },
          ],
        }, 'chart-needs')
      : emptyCard('Needs by competency', 'No training needs identified yet.', 'chart-needs'),
  );
  grid.append(
    t.kirkpatrick.length
      ? chartCard('Kirkpatrick L1-L3 per program', `Grouped bars of reaction (L1, 1-5), learning gain (L2, points) and behaviour (L3, 1-5) for ${t.kirkpatrick.length} programs`, {
          grid: { left: 50, right: 50, top: 40, bottom: 40 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: t.kirkpatrick.map((k) => k.programId) },
          yAxis: [{ type: 'value', name: '1-5', min: 0, max: 5 }, { type: 'value', name: 'gain (points)' }],
          series: [
            { name: 'L1 reaction (1-5)', type: 'bar', data: t.kirkpatrick.map((k) => k.l1) },
            { name: 'L2 learning gain (points)', type: 'bar', yAxisIndex: 1, data: t.kirkpatrick.map((k) => k.l2) },
            { name: 'L3 behaviour (1-5)', type: 'bar', data: t.kirkpatrick.map((k) => k.l3) },
          ],
        }, 'chart-kirkpatrick')
      : emptyCard('Kirkpatrick L1-L3 per program', 'No evaluations recorded yet: participants and managers submit them after sessions in the training service.', 'chart-kirkpatrick'),
  );
  grid.append(
    table(
      'Programs',
      [['Program'], ['Completed', true], ['People', true], ['Enrolled', true], ['Completion', true], ['Mean exam score (0-100)', true], ['L4: score change trained (points)', true], ['untrained peers', true], ['L4 effect (points)', true]],
      t.programs.map((x) => [x.programId, x.completed, x.people, x.enrolled ?? '—', fmt(x.completionPercent, ' %'), fmt(x.meanExamScore), fmt(x.l4TrainedChange), fmt(x.l4UntrainedChange), fmt(x.l4Effect)]),
      'table-programs',
    ),
  );
  const budgets = t.budgets ?? [];
  grid.append(
    budgets.length
      ? table(
          'Spend against approved budget',
          [['Plan'], ['Unit'], ['Period'], ['Approved budget', true], ['Spent', true], ['Spent of budget', true]],
          budgets.map((b) => [b.planId, b.businessUnitId, b.period ?? '—', fmt(b.approvedBudget, b.currency ? ` ${b.currency}` : ''), fmt(b.spent, b.currency ? ` ${b.currency}` : ''), fmt(b.spentPercent, ' %')]),
          'table-budgets',
        )
      : emptyCard('Spend against approved budget', 'No approved training plan in these units yet: plans are drafted and approved in the training service, and spend is recorded against them.', 'table-budgets'),
  );
  main.append(grid);
}

interface Coaching {
  coachees: number;
  engagements: number;
  headcount: number;
  coveragePercent: number | null;
  sessionsPerMonth: { month: string; sessions: number; hours: number }[];
  monthlyReviews: { month: string; onTime: number; late: number; overdue: number }[];
  improvementPlans: { outcome: string; plans: number }[];
}

export async function coachingPage(main: HTMLElement) {
  const c = await get<Coaching>('reporting', '/dashboards/coaching', apiParams(readFilters()));
  main.replaceChildren(el('<h1>Coaching</h1>'));
  if (!c.engagements && !c.monthlyReviews.length && !c.improvementPlans.length) {
    main.append(emptyCard('Coaching', 'No coaching in these units yet. Engagements, sessions, monthly reviews and improvement plans appear as the coaching service publishes them.', 'coaching-empty'));
    return;
  }
  main.append(
    el(`<div class="kpis">${kpi('Coverage', fmt(c.coveragePercent, ' %'), 'kpi-coverage')}${kpi('People coached now', String(c.coachees), 'kpi-coachees')}${kpi('Engagements', String(c.engagements), 'kpi-engagements')}${kpi(
      'Headcount (people)',
      String(c.headcount),
      'kpi-coaching-headcount',
    )}</div>`),
  );
  const grid = el('<div class="grid"></div>');
  grid.append(
    chartCard('Sessions per month', `Bars of sessions and line of hours for ${c.sessionsPerMonth.length} months`, {
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: c.sessionsPerMonth.map((s) => s.month) },
      yAxis: [{ type: 'value', name: 'sessions' }, { type: 'value', name: 'hours' }],
      series: [
        { name: 'sessions', type: 'bar', data: c.sessionsPerMonth.map((s) => s.sessions) },
        { name: 'hours', type: 'line', yAxisIndex: 1, data: c.sessionsPerMonth.map((s) => s.hours) },
      ],
    }, 'chart-sessions'),
  );
  grid.append(
    chartCard('Monthly reviews', `Stacked bars of on-time, late and overdue monthly reviews for ${c.monthlyReviews.length} months`, {
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: c.monthlyReviews.map((r) => r.month) },
      yAxis: { type: 'value', name: 'reviews' },
      series: (['onTime', 'late', 'overdue'] as const).map((k) => ({ name: k === 'onTime' ? 'on time' : k, type: 'bar', stack: 'r', data: c.monthlyReviews.map((r) => r[k]) })),
    }, 'chart-reviews'),
  );
  grid.append(
    chartCard('Improvement-plan outcomes', `Pie of ${c.improvementPlans.reduce((n, p) => n + p.plans, 0)} improvement plans by outcome`, {
      series: [{ name: 'plans', type: 'pie', radius: ['35%', '65%'], top: 30, data: c.improvementPlans.map((p) => ({ name: p.outcome, value: p.plans })), label: { formatter: '{b}: {c}' } }],
    }, 'chart-plans'),
  );
  main.append(grid);
}

interface Policy {
  policyId: string;
  currency?: string;
  proposals?: number;
  proposedAmount?: number | null;
  approvedAmount?: number;
  grantedAmount?: number;
  paidAmount?: number;
  paidOnTimePercent?: number | null;
  expectancy?: number | null;
  instrumentality?: number | null;
  valence?: number | null;
  effect?: number | null;
}

export async function rewardsPage(main: HTMLElement) {
  const { items } = await get<{ items: Policy[] }>('reporting', '/dashboards/rewards', apiParams(readFilters()));
  main.replaceChildren(el('<h1>Rewards</h1>'));
  if (!items.length) {
    main.append(emptyCard('Rewards', 'No reward proposals in these units yet. Rewards are proposed per policy when appraisals are finalized (rewards service).', 'rewards-empty'));
    return;
  }
  const cur = items[0].currency ?? '';
  const grid = el('<div class="grid"></div>');
  grid.append(
    chartCard('Payouts per policy', `Grouped bars of proposed, approved, granted and paid amounts (${cur}) for ${items.length} policies`, {
      grid: { left: 70, right: 20, top: 40, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: items.map((p) => p.policyId) },
      yAxis: { type: 'value', name: cur || 'amount' },
      series: (['proposedAmount', 'approvedAmount', 'grantedAmount', 'paidAmount'] as const).map((k) => ({ name: k.replace('Amount', ''), type: 'bar', data: items.map((p) => p[k] ?? 0) })),
    }, 'chart-payouts'),
  );
  grid.append(
    table(
      'Policies',
      [['Policy'], ['Proposals', true], [`Proposed (${cur})`, true], [`Paid (${cur})`, true], ['Paid on time (credibility)', true], ['Expectancy', true], ['Instrumentality', true], ['Valence', true], ['Effect', true]],
      items.map((p) => [p.policyId, p.proposals ?? 0, fmt(p.proposedAmount ?? null, '', 0), fmt(p.paidAmount ?? null, '', 0), fmt(p.paidOnTimePercent ?? null, ' %'), fmt(p.expectancy ?? null, '', 2), fmt(p.instrumentality ?? null, '', 2), fmt(p.valence ?? null, '', 2), fmt(p.effect ?? null, '', 2)]),
      'table-policies',
    ),
  );
  main.append(grid);
}
