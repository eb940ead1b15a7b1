/// <reference lib="dom" />
import { downloadCsv, get } from '../api';
import { apiParams, readFilters } from '../filters';
import { chartCard, el, emptyCard, esc, kpi, table } from '../ui';

interface Units {
  asOf: string | null;
  total: number;
  byLevel: Record<string, number>;
  items: { businessUnitId: string; name: string | null; parentId: string | null; depth: number; headcount: number; byLevel: Record<string, number>; subtreeHeadcount: number }[];
}

export async function orgPage(main: HTMLElement) {
  const f = readFilters();
  const data = await get<Units>('reporting', '/dashboards/org/units', apiParams(f));
  main.replaceChildren(el(`<h1>Organization${f.asOf ? ` as of ${esc(f.asOf)}` : ''}</h1>`));
  if (!data.items.length) {
    main.append(emptyCard('Units', 'No business units yet. Register units and onboard employees in the performance service (POST /org/business-units, /org/employees); they appear here within seconds.', 'org-empty'));
    return;
  }
  const levels = Object.keys(data.byLevel).sort();
  main.append(
    el(`<div class="kpis">${kpi('Headcount (people)', data.total.toLocaleString('en'), 'kpi-headcount')}${kpi('Units', String(data.items.length), 'kpi-units')}${levels
      .map((l) => kpi(`${l} (people)`, data.byLevel[l].toLocaleString('en'), `kpi-level-${l}`))
      .join('')}</div>`),
  );
  const top = data.items.filter((u) => u.depth === Math.min(...data.items.map((x) => x.depth)) + 1).slice(0, 30);
  const shown = top.length ? top : data.items.slice(0, 30);
  const grid = el('<div class="grid"></div>');
  grid.append(
    chartCard(
      'Headcount by unit and level',
      `Stacked bars: people per level in each of ${shown.length} units (their subtrees)`,
      {
        grid: { left: 50, right: 20, top: 40, bottom: 70 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: shown.map((u) => u.name ?? u.businessUnitId), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', name: 'people' },
        series: levels.map((l) => ({ name: l, type: 'bar', stack: 'h', data: shown.map((u) => subtreeLevel(data, u.businessUnitId, l)) })),
      },
      'chart-headcount',
    ),
  );
  grid.append(
    table(
      'Units',
      [['Unit'], ['Id'], ['People in the unit', true], ['With the units below', true], ...levels.map((l) => [`${l}`, true] as [string, boolean])],
      data.items.map((u) => [`${'· '.repeat(u.depth)}${u.name ?? '(unnamed)'}`, u.businessUnitId, u.headcount, u.subtreeHeadcount, ...levels.map((l) => u.byLevel[l] ?? 0)]),
      'org-table',
    ),
  );
  main.append(grid);
  const btn = el('<button class="secondary" data-testid="export-org">Export CSV</button>');
  btn.addEventListener('click', () => void downloadCsv('reporting', '/dashboards/org/units', apiParams(f), 'org-units'));
  main.append(btn);
}

function subtreeLevel(data: Units, root: string, level: string): number {
  const kids = new Map<string, string[]>();
  for (const u of data.items) if (u.parentId) kids.set(u.parentId, [...(kids.get(u.parentId) ?? []), u.businessUnitId]);
  const byId = new Map(data.items.map((u) => [u.businessUnitId, u]));
  let n = 0;
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    n += byId.get(id)?.byLevel[level] ?? 0;
    (kids.get(id) ?? []).forEach(walk);
  };
  walk(root);
  return n;
}
