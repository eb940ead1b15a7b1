/// <reference lib="dom" />
import * as echarts from 'echarts';
import { ApiError } from './api';

/** Escapes text for innerHTML. */
export const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export const fmt = (v: number | null | undefined, unit = '', digits = 1) => (v === null || v === undefined ? '—' : `${Number(v.toFixed(digits)).toLocaleString('en')}${unit}`);

export const el = (html: string): HTMLElement => {
  const t = document.createElement('template');
  t.innerHTML = html.trim();
  return t.content.firstElementChild as HTMLElement;
};

const charts: echarts.ECharts[] = [];
/** Disposes the previous page's charts (a page renders anew on every filter change). */
export const resetCharts = () => charts.splice(0).forEach((c) => c.dispose());
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** A card with an ECharts chart: legend on, the ARIA description generated from the data, and a label. */
export function chartCard(title: string, label: string, option: echarts.EChartsCoreOption, testId: string): HTMLElement {
  const card = el(`<section class="card" data-testid="${esc(testId)}"><h2>${esc(title)}</h2><div class="chart" role="img" aria-label="${esc(label)}"></div></section>`);
  const node = card.querySelector('.chart') as HTMLDivElement;
  requestAnimationFrame(() => {
    const c = echarts.init(node, undefined, { renderer: 'svg' });
    c.setOption({ aria: { enabled: true, label: { enabled: true, description: label } }, animation: false, tooltip: { trigger: 'item' }, legend: { top: 0 }, ...option });
    charts.push(c);
  });
  return card;
}

export const emptyCard = (title: string, what: string, testId: string) =>
  el(`<section class="card" data-testid="${esc(testId)}"><h2>${esc(title)}</h2><p class="empty">${what}</p></section>`);

export const kpi = (label: string, value: string, testId: string) => `<div class="kpi" data-testid="${esc(testId)}"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div></div>`;

export function table(title: string, headers: [string, boolean?][], rows: unknown[][], testId: string): HTMLElement {
  return el(`<section class="card" data-testid="${esc(testId)}"><h2>${esc(title)}</h2><table><thead><tr>${headers.map(([h, n]) => `<th class="${n ? 'n' : ''}" scope="col">${esc(h)}</th>`).join('')}</tr></thead>
    <tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td class="${headers[i]?.[1] ? 'n' : ''}">${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></section>`);
}

export function errorBox(e: unknown): HTMLElement {
  if (e instanceof ApiError && e.status === 403) return el(`<p class="empty error" role="alert">Not within your access: ${esc(e.message)}. Pick one of your units in the filter, or sign in with a role that may read this.</p>`);
  if (e instanceof ApiError && e.status === 401) return el(`<p class="empty error" role="alert">Your session has expired: <a href="#/signin">sign in again</a>.</p>`);
  return el(`<p class="empty error" role="alert">${esc(e instanceof Error ? e.message : String(e))}</p>`);
}

export const BAND_COLOURS = ['#c0392b', '#e67e22', '#f1c40f', '#27ae60', '#2f6fde', '#8e44ad'];
