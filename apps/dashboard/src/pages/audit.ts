/// <reference lib="dom" />
import { ApiError, get, type Service } from '../api';
import { readFilters } from '../filters';
import { chartCard, el, emptyCard, esc } from '../ui';

const SERVICES: Service[] = ['training', 'performance', 'coaching', 'rewards'];
interface Report {
  ok: boolean;
  eventsChecked: number;
  sealsChecked: number;
  unsealedEvents: number;
  problems: { kind?: string; message?: string }[];
  status?: string;
}
interface AuditEvent {
  eventId: string;
  type: string;
  streamId: string;
  occurredAt: string;
  actor: { subject: string } | string;
  businessUnitId: string | null;
  correlationId: string;
  context?: string;
}

async function integrity(service: Service): Promise<string> {
  try {
    const r = await get<Report>(service, '/history/verify');
    if (r.status === 'running') return `<td>${esc(service)}</td><td class="muted" colspan="4">verifying… (reload to see the result)</td>`;
    return `<td>${esc(service)}</td><td class="${r.ok ? 'ok' : 'bad'}" data-testid="integrity-${esc(service)}">${r.ok ? 'intact' : `ALTERED (${r.problems.length} problems)`}</td>
      <td class="n">${r.eventsChecked.toLocaleString('en')}</td><td class="n">${r.sealsChecked.toLocaleString('en')}</td><td class="n">${r.unsealedEvents.toLocaleString('en')}</td>`;
  } catch (e) {
    const why = e instanceof ApiError ? (e.status === 403 ? 'auditors and admins only' : e.status >= 500 || e.status === 0 ? 'service unreachable' : e.message) : 'service unreachable';
    return `<td>${esc(service)}</td><td class="muted" data-testid="integrity-${esc(service)}" colspan="4">${esc(why)}</td>`;
  }
}

export async function auditPage(main: HTMLElement) {
  const f = readFilters();
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const correlation = q.get('correlation');
  main.replaceChildren(el('<h1>Audit trail</h1>'));
  const rows = await Promise.all(SERVICES.map(integrity));
  main.append(
    el(`<section class="card" data-testid="integrity"><h2>Integrity of each service's history</h2><p class="muted">Every hash chain and seal recomputed by the owning service (GET /history/verify).</p>
      <table><thead><tr><th>Service</th><th>Verification</th><th class="n">Events checked</th><th class="n">Seals checked</th><th class="n">Events after the last seal</th></tr></thead>
      <tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table></section>`),
  );
  if (correlation) {
    try {
      const chain = await get<{ items: AuditEvent[] }>('reporting', `/audit/correlations/${encodeURIComponent(correlation)}`);
      const contexts = [...new Set(chain.items.map((i) => i.type.split('.')[0]))];
      main.append(
        chain.items.length
          ? chartCard(
              `Correlation chain ${correlation.slice(0, 8)}…`,
              `Timeline of ${chain.items.length} events of one correlation across ${contexts.length} services`,
              {
                grid: { left: 100, right: 30, top: 40, bottom: 40 },
                tooltip: { trigger: 'item', formatter: (p: { data: [string, number, string] }) => `${p.data[2]}<br>${p.data[0]}` },
                xAxis: { type: 'time' },
                yAxis: { type: 'category', data: contexts },
                series: [
                  { name: 'events', type: 'line', symbolSize: 12, data: chain.items.map((i) => [i.occurredAt, contexts.indexOf(i.type.split('.')[0]), i.type]), label: { show: true, formatter: (p: { data: [string, number, string] }) => p.data[2].split('.')[1] } },
                ],
              },
              'chart-correlation',
            )
          : emptyCard('Correlation chain', 'No events of this correlation in your units.', 'chart-correlation'),
      );
    } catch (e) {
      main.append(emptyCard('Correlation chain', e instanceof ApiError && e.status === 403 ? 'Correlation chains are for auditors and admins.' : esc((e as Error).message), 'chart-correlation'));
    }
  }
  try {
    const events = await get<{ items: AuditEvent[] }>('reporting', '/audit/events', { businessUnitId: f.unit, limit: 50, from: f.asOf ? undefined : undefined, to: f.asOf ? `${f.asOf}T23:59:59.999Z` : undefined });
    main.append(
      events.items.length
        ? el(`<section class="card" data-testid="audit-events"><h2>Latest events${f.unit ? ` in ${esc(f.unit)}` : ''}</h2><table><thead><tr><th>When</th><th>Event</th><th>Stream</th><th>Actor</th><th>Unit</th><th>Chain</th></tr></thead><tbody>${events.items
            .map(
              (e) =>
                `<tr><td>${esc(e.occurredAt.slice(0, 19).replace('T', ' '))}</td><td>${esc(e.type)}</td><td class="muted">${esc(e.streamId.slice(0, 40))}</td><td>${esc(typeof e.actor === 'string' ? e.actor : e.actor.subject)}</td><td>${esc(e.businessUnitId ?? '')}</td><td><a href="#/audit?correlation=${esc(e.correlationId)}">follow</a></td></tr>`,
            )
            .join('')}</tbody></table></section>`)
        : emptyCard('Events', 'No events in the trail for these filters yet.', 'audit-events'),
    );
  } catch (e) {
    main.append(emptyCard('Events', e instanceof ApiError && e.status === 403 ? `The event-level trail is for auditors and admins${e.code === 'BUSINESS_UNIT_REQUIRED' ? ': pick one of your units in the filter' : ''}.` : esc((e as Error).message), 'audit-events'));
  }
}
