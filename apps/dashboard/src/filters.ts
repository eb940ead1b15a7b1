/// <reference lib="dom" />
import { get, type Params } from './api';
import { esc } from './ui';

/** Every page filters by unit subtree, period (or cycle), level and an as-of date; they live in the URL hash. */
export interface Filters {
  unit?: string;
  period?: string;
  cycleId?: string;
  level?: string;
  asOf?: string;
}

export const readFilters = (): Filters => {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const f: Filters = {};
  for (const k of ['unit', 'period', 'cycleId', 'level', 'asOf'] as const) {
    const v = q.get(k);
    if (v) f[k] = v;
  }
  return f;
};

/** The API's parameters: an as-of date means the end of that day (UTC). */
export const apiParams = (f: Filters): Params => ({ ...f, asOf: f.asOf ? `${f.asOf}T23:59:59.999Z` : undefined });

interface UnitItem {
  businessUnitId: string;
  name: string | null;
  depth: number;
  byLevel: Record<string, number>;
}

let units: UnitItem[] | null = null;
export const clearUnitCache = () => (units = null);

/** The units the caller may read (the unit picker offers nothing else). */
export async function visibleUnits(): Promise<UnitItem[]> {
  units ??= (await get<{ items: UnitItem[] }>('reporting', '/dashboards/org/units')).items;
  return units;
}

export async function renderFilters(host: HTMLElement, page: string, show: { period?: boolean; level?: boolean; unit?: boolean } = { period: true, level: true, unit: true }) {
  const f = readFilters();
  let list: UnitItem[] = [];
  try {
    list = await visibleUnits();
  } catch {
    list = [];
  }
  const levels = [...new Set(list.flatMap((u) => Object.keys(u.byLevel)))].sort();
  host.innerHTML = `
    ${show.unit !== false ? `<label>Business unit (and below)<select name="unit" data-testid="filter-unit"><option value="">All my units</option>${list
      .map((u) => `<option value="${esc(u.businessUnitId)}" ${f.unit === u.businessUnitId ? 'selected' : ''}>${'  '.repeat(u.depth)}${esc(u.name ?? u.businessUnitId)}</option>`)
      .join('')}</select></label>` : ''}
    ${show.period !== false ? `<label>Period<input name="period" placeholder="e.g. 2026" value="${esc(f.period ?? '')}" data-testid="filter-period"></label>
    <label>Cycle<input name="cycleId" placeholder="cycle id" value="${esc(f.cycleId ?? '')}" data-testid="filter-cycle"></label>` : ''}
    ${show.level !== false ? `<label>Level<select name="level" data-testid="filter-level"><option value="">Every level</option>${levels.map((l) => `<option ${f.level === l ? 'selected' : ''}>${esc(l)}</option>`).join('')}</select></label>` : ''}
    <label>As of<input type="date" name="asOf" value="${esc(f.asOf ?? '')}" data-testid="filter-asof"></label>
    <button type="button" data-testid="apply-filters">Apply</button>
    <button type="button" class="secondary" data-testid="clear-filters">Clear</button>`;
  const apply = (clear: boolean) => {
    const q = new URLSearchParams();
    if (!clear) host.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input,select').forEach((i) => i.value && q.set(i.name, i.value));
    location.hash = `#/${page}${q.toString() ? `?${q}` : ''}`;
  };
  host.querySelector('[data-testid=apply-filters]')!.addEventListener('click', () => apply(false));
  host.querySelector('[data-testid=clear-filters]')!.addEventListener('click', () => apply(true));
}
