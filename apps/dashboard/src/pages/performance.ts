/// <reference lib="dom" />
import { downloadCsv, get } from '../api';
import { apiParams, readFilters } from '../filters';
import { BAND_COLOURS, chartCard, el, emptyCard, esc, fmt, kpi, table } from '../ui';

interface Distribution {
  total: number;
  meanScore: number | null;
  meanGoalAttainment: number | null;
  bands: { band: string; rank: number; appraisals: number; sharePercent: number; meanScore: number | null }[];
}
type Heat = { items: { businessUnitId: string; band: string; rank: number; appraisals: number }[] };
type Box = { cells: { performance: string; potential: string; appraisals: number }[]; unplaced: number };
type Shifts = { total: number; moves: { fromBand: string; toBand: string; shifts: number }[]; byCalibrator: { calibratedBy: string; shifts: number }[] };
type Stages = Record<'total' | 'self' | 'manager' | 'calibration' | 'finalized' | 'acknowledged' | 'disputed', number>;
type Trend = { items: { period: string; appraisals: number; bands: Record<string, number>; meanScore: number }[] };
type Managers = { items: { managerId: string; appraisals: number; bands: Record<string, number>; meanScore: number }[] };

export async function performancePage(main: HTMLElement) {
  const f = readFilters();
  const p = apiParams(f);
  const base = '/dashboards/performance';
  const [dist, heat, box, shifts, stages, trend, managers] = await Promise.all([
    get<Distribution>('reporting', `${base}/distribution`, p),
    get<Heat>('reporting', `${base}/heatmap`, p),
    get<Box>('reporting', `${base}/nine-box`, p),
    get<Shifts>('reporting', `${base}/calibration`, p),
    get<Stages>('reporting', `${base}/completion`, p),
    get<Trend>('reporting', `${base}/trend`, p),
    get<Managers>('reporting', `${base}/by-manager`, p),
  ]);
  main.replaceChildren(el(`<h1>Unit performance${f.period ? ` · ${esc(f.period)}` : ''}${f.asOf ? ` · as of ${esc(f.asOf)}` : ''}</h1>`));
  if (!dist.total && !stages.total) {
    main.append(emptyCard('Rating distribution', 'No finalized appraisals match these filters. Widen the period or unit, or finalize a cycle in the performance service (POST /appraisal-cycles/:id/finalize).', 'perf-empty'));
    return;
  }
  main.append(
    el(`<div class="kpis">${kpi('Finalized appraisals', dist.total.toLocaleString('en'), 'kpi-appraisals')}${kpi('Mean score (0-100)', fmt(dist.meanScore), 'kpi-mean-score')}${kpi(
      'Mean goal attainment',
      fmt(dist.meanGoalAttainment, ' %'),
      'kpi-goals',
    )}${kpi('Calibration shifts', String(shifts.total), 'kpi-shifts')}</div>`),
  );
  const bands = [...dist.bands].sort((a, b) => a.rank - b.rank);
  const grid = el('<div class="grid"></div>');
  grid.append(
    chartCard(
      'Rating distribution',
      `Bar chart of appraisals per rating band: ${bands.map((b) => `${b.band} ${b.appraisals} (${b.sharePercent} %)`).join(', ')}`,
      {
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: bands.map((b) => b.band) },
        yAxis: { type: 'value', name: 'appraisals' },
        series: [{ name: 'appraisals', type: 'bar', data: bands.map((b, i) => ({ value: b.appraisals, itemStyle: { color: BAND_COLOURS[i % BAND_COLOURS.length] } })), label: { show: true, position: 'top', formatter: (x: { dataIndex: number }) => `${bands[x.dataIndex].sharePercent} %` } }],
      },
      'chart-distribution',
    ),
  );
  const units = [...new Set(heat.items.map((h) => h.businessUnitId))];
  const heatBands = [...new Map(heat.items.map((h) => [h.band, h.rank])).entries()].sort((a, b) => a[1] - b[1]).map(([b]) => b);
  grid.append(
    units.length
      ? chartCard(
          'Heatmap: unit × band',
          `Heatmap of appraisals per unit (rows, ${units.length}) and band (columns, ${heatBands.length})`,
          {
            grid: { left: 120, right: 20, top: 40, bottom: 60 },
            tooltip: { position: 'top' },
            xAxis: { type: 'category', data: heatBands },
            yAxis: { type: 'category', data: units },
            visualMap: { min: 0, max: Math.max(1, ...heat.items.map((h) => h.appraisals)), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: ['more', 'fewer appraisals'] },
            series: [{ name: 'appraisals', type: 'heatmap', data: heat.items.map((h) => [heatBands.indexOf(h.band), units.indexOf(h.businessUnitId), h.appraisals]), label: { show: true } }],
          },
          'chart-heatmap',
        )
      : emptyCard('Heatmap: unit × band', 'Pick a unit with sub-units to compare them.', 'chart-heatmap'),
  );
  const levels = ['low', 'medium', 'high'];
  grid.append(
    chartCard(
      '9-box: performance × potential',
      `Nine-box grid of appraisals; ${box.unplaced} appraisals without a recorded potential are not placed`,
      {
        grid: { left: 90, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', name: 'performance', data: levels },
        yAxis: { type: 'category', name: 'potential', data: levels },
        visualMap: { min: 0, max: Math.max(1, ...box.cells.map((c) => c.appraisals)), orient: 'horizontal', left: 'center', bottom: 0, text: ['more', 'fewer appraisals'] },
        series: [{ name: 'appraisals', type: 'heatmap', data: box.cells.map((c) => [levels.indexOf(c.performance), levels.indexOf(c.potential), c.appraisals]), label: { show: true } }],
        title: { text: box.unplaced ? `${box.unplaced} unplaced (no potential)` : '', right: 10, top: 0, textStyle: { fontSize: 11, fontWeight: 'normal' } },
      },
      'chart-ninebox',
    ),
  );
  grid.append(
    shifts.total
      ? chartCard(
          'Calibration shifts (before → after)',
          `Bar chart of ${shifts.total} calibration moves by from and to band`,
          {
            grid: { left: 140, right: 30, top: 40, bottom: 30 },
            xAxis: { type: 'value', name: 'appraisals' },
            yAxis: { type: 'category', data: shifts.moves.map((m) => `${m.fromBand} → ${m.toBand}`) },
            series: [{ name: 'shifts', type: 'bar', data: shifts.moves.map((m) => m.shifts) }],
          },
          'chart-calibration',
        )
      : emptyCard('Calibration shifts', 'No calibration moved a rating in these filters. Calibrations are recorded in the performance service (POST …/calibrate).', 'chart-calibration'),
  );
  const stageNames = ['self', 'manager', 'calibration', 'finalized', 'acknowledged', 'disputed'] as const;
  grid.append(
    chartCard(
      'Appraisal completion by stage',
      `Bar chart of appraisals that reached each stage out of ${stages.total}: ${stageNames.map((s) => `${s} ${stages[s]}`).join(', ')}`,
      {
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: stageNames },
        yAxis: { type: 'value', name: 'appraisals' },
        series: [
          { name: 'reached', type: 'bar', data: stageNames.map((s) => stages[s]) },
          { name: 'in the cycle', type: 'line', data: stageNames.map(() => stages.total) },
        ],
      },
      'chart-completion',
    ),
  );
  const trendBands = [...new Set(trend.items.flatMap((t) => Object.keys(t.bands)))];
  grid.append(
    chartCard(
      'Trend across cycles',
      `Stacked bars of appraisals per band for ${trend.items.length} periods, with the mean score line`,
      {
        grid: { left: 50, right: 50, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: trend.items.map((t) => t.period) },
        yAxis: [{ type: 'value', name: 'appraisals' }, { type: 'value', name: 'mean score', min: 0, max: 100 }],
        series: [
          ...trendBands.map((b) => ({ name: b, type: 'bar', stack: 't', data: trend.items.map((t) => t.bands[b] ?? 0) })),
          { name: 'mean score (0-100)', type: 'line', yAxisIndex: 1, data: trend.items.map((t) => t.meanScore) },
        ],
      },
      'chart-trend',
    ),
  );
  grid.append(
    table(
      'By manager',
      [['Manager'], ['Appraisals', true], ...bands.map((b) => [b.band, true] as [string, boolean]), ['Mean score', true]],
      managers.items.slice(0, 50).map((m) => [m.managerId, m.appraisals, ...bands.map((b) => m.bands[b.band] ?? 0), fmt(m.meanScore)]),
      'table-managers',
    ),
  );
  main.append(grid);
  const btn = el('<button class="secondary" data-testid="export-appraisals">Export appraisals (CSV)</button>');
  btn.addEventListener('click', () => void downloadCsv('reporting', `${base}/appraisals`, p, 'appraisals'));
  main.append(btn);
}
