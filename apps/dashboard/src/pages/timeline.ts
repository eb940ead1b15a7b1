/// <reference lib="dom" />
import { ApiError, get, session } from '../api';
import { chartCard, el, emptyCard, esc } from '../ui';

interface Entry {
  eventId: string;
  context: string;
  type: string;
  occurredAt: string;
  businessUnitId: string | null;
  correlationId: string;
  facts: Record<string, unknown>;
}
const CONTEXTS = ['performance', 'training', 'coaching', 'rewards'];
const PAGE = 50;

/** The name, asked of the performance service (reporting keeps none); '[erased]' after an erasure. */
async function nameOf(employeeNumber: string): Promise<string> {
  try {
    const e = await get<{ name?: string }>('performance', `/org/employees/${encodeURIComponent(employeeNumber)}`);
    return e.name ?? '';
  } catch {
    return '';
  }
}

export async function timelinePage(main: HTMLElement) {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const employeeId = q.get('employee') ?? session()?.emp ?? '';
  const number = q.get('number') ?? '';
  const offset = Number(q.get('offset') ?? 0);
  const form = el(`<form class="card" data-testid="timeline-form"><h1>Employee timeline</h1>
    <label class="muted">Employee id <input name="employee" value="${esc(employeeId)}" data-testid="timeline-employee" size="40"></label>
    <label class="muted">Employee number (for the name) <input name="number" value="${esc(number)}" data-testid="timeline-number"></label>
    <button type="submit" data-testid="timeline-show">Show</button></form>`);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = new FormData(form as HTMLFormElement);
    location.hash = `#/timeline?employee=${encodeURIComponent(String(d.get('employee')))}&number=${encodeURIComponent(String(d.get('number')))}`;
  });
  main.replaceChildren(form);
  if (!employeeId) {
    main.append(emptyCard('Timeline', 'Enter an employee id to see their events across performance, training, coaching and rewards. You may see your own, and those of employees in the units you manage.', 'timeline-empty'));
    return;
  }
  let items: Entry[];
  try {
    items = (await get<{ items: Entry[] }>('reporting', `/dashboards/employees/${encodeURIComponent(employeeId)}/timeline`, { limit: PAGE, offset })).items;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      main.append(emptyCard('Timeline', 'No such employee in the organization yet: check the id, or wait a few seconds after onboarding.', 'timeline-unknown'));
      return;
    }
    throw e;
  }
  const name = number ? await nameOf(number) : '';
  main.append(el(`<p data-testid="timeline-who"><strong>${esc(name || employeeId)}</strong> ${name ? `<span class="muted">${esc(employeeId)}</span>` : ''}</p>`));
  if (!items.length) {
    main.append(emptyCard('Timeline', 'Nothing recorded about this employee yet.', 'timeline-none'));
    return;
  }
  main.append(
    chartCard(
      'Events across contexts',
      `Timeline scatter of ${items.length} events by context (rows) and date`,
      {
        grid: { left: 100, right: 30, top: 40, bottom: 40 },
        tooltip: { trigger: 'item', formatter: (p: { data: [string, number, string] }) => `${p.data[2]}<br>${p.data[0]}` },
        xAxis: { type: 'time' },
        yAxis: { type: 'category', data: CONTEXTS },
        series: CONTEXTS.map((c) => ({ name: c, type: 'scatter', symbolSize: 12, data: items.filter((i) => i.context === c).map((i) => [i.occurredAt, CONTEXTS.indexOf(c), i.type]) })),
      },
      'chart-timeline',
    ),
  );
  const list = el(`<section class="card" data-testid="timeline-list"><h2>Events (oldest first)</h2><table><thead><tr><th>When</th><th>Context</th><th>Event</th><th>Figures</th><th>Chain</th></tr></thead><tbody>${items
    .map(
      (i) =>
        `<tr><td>${esc(i.occurredAt.slice(0, 16).replace('T', ' '))}</td><td>${esc(i.context)}</td><td>${esc(i.type)}</td><td class="muted">${esc(
          Object.entries(i.facts)
            .filter(([k]) => !/Id$|^employeeId$/.test(k))
            .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
            .join(' · ')
            .slice(0, 160),
        )}</td><td><a href="#/audit?correlation=${esc(i.correlationId)}">chain</a></td></tr>`,
    )
    .join('')}</tbody></table>
    <div class="pager">${offset > 0 ? `<a href="#/timeline?employee=${esc(employeeId)}&number=${esc(number)}&offset=${Math.max(0, offset - PAGE)}">← newer page</a>` : ''}
    <span>events ${offset + 1}–${offset + items.length}</span>
    ${items.length === PAGE ? `<a href="#/timeline?employee=${esc(employeeId)}&number=${esc(number)}&offset=${offset + PAGE}">next page →</a>` : ''}</div></section>`);
  main.append(list);
}
