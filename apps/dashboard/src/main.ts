/// <reference lib="dom" />
import { session, signOut } from './api';
import { renderFilters } from './filters';
import { auditPage } from './pages/audit';
import { orgPage } from './pages/org';
import { coachingPage, rewardsPage, trainingPage } from './pages/panels';
import { performancePage } from './pages/performance';
import { signInPage } from './pages/signin';
import { timelinePage } from './pages/timeline';
import { errorBox, esc, resetCharts } from './ui';

const PAGES: Record<string, { title: string; render: (main: HTMLElement) => Promise<void>; filters?: Parameters<typeof renderFilters>[2] }> = {
  org: { title: 'Organization', render: orgPage, filters: { period: false, level: true, unit: true } },
  performance: { title: 'Performance', render: performancePage },
  training: { title: 'Training', render: trainingPage },
  coaching: { title: 'Coaching', render: coachingPage },
  rewards: { title: 'Rewards', render: rewardsPage },
  timeline: { title: 'Timeline', render: timelinePage, filters: { period: false, level: false, unit: false } },
  audit: { title: 'Audit', render: auditPage, filters: { period: false, level: false, unit: true } },
};

const main = document.getElementById('page')!;
const filters = document.getElementById('filters')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;

async function route() {
  resetCharts();
  const name = location.hash.replace(/^#\/?/, '').split('?')[0] || 'org';
  const s = session();
  if (!s || name === 'signin') {
    nav.innerHTML = '';
    who.innerHTML = '';
    filters.innerHTML = '';
    filters.hidden = true;
    signInPage(main);
    return;
  }
  const page = PAGES[name] ?? PAGES.org;
  nav.innerHTML = Object.entries(PAGES)
    .map(([k, p]) => `<a href="#/${k}" data-testid="nav-${k}" ${k === name ? 'aria-current="page"' : ''}>${esc(p.title)}</a>`)
    .join('');
  who.innerHTML = `<span data-testid="who">${esc(s.sub)} · ${esc(s.roles.join(', '))} · units ${esc(s.bu.join(', ') || 'none')}</span><button class="secondary" data-testid="signout">Sign out</button>`;
  who.querySelector('button')!.addEventListener('click', () => {
    signOut();
    location.hash = '#/signin';
  });
  filters.hidden = false;
  main.setAttribute('aria-busy', 'true');
  main.innerHTML = '<p class="muted">Loading…</p>';
  try {
    await renderFilters(filters, name in PAGES ? name : 'org', page.filters);
    await page.render(main);
  } catch (e) {
    main.replaceChildren(errorBox(e));
  } finally {
    main.setAttribute('aria-busy', 'false');
    main.dataset.page = name;
  }
}

window.addEventListener('hashchange', () => void route());
void route();
