import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import type { ContextName, Envelope } from '@tpm/contracts';
import { employeeIdFor } from '@tpm/performance-application';
import { contextEvents } from '@tpm/reporting-projections/testing';
import { eventually, testKafka } from '@tpm/testing';
import { startScenario, type Scenario } from './scenario';

/**
 * The dashboard in a real Chromium (Debian's package, driven by playwright-core): signed in as a
 * manager of one unit and as an auditor, every page opened, its figures checked against the API,
 * a sibling unit shown nowhere, screenshots saved (tmp/screenshots; DASHBOARD_SCREENSHOTS_TO_DOCS=1
 * also refreshes docs/screenshots). Skips, saying why, only when no chromium is installed.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.resolve(__dirname, '../../..');
const shots = path.join(root, 'tmp', 'screenshots');
const describeInChromium = existsSync(CHROMIUM) ? describe : describe.skip;
const title = existsSync(CHROMIUM) ? 'dashboard in Chromium' : `dashboard in Chromium (skipped: no chromium at ${CHROMIUM}; apt-get install chromium)`;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

describeInChromium(title, () => {
  let scenario: Scenario;
  let dashboard: ChildProcess;
  let base: string;
  let browser: Browser;
  const logs: string[] = [];
  const tokens: Record<string, string> = {};
  const A = 'DB-A';
  const B = 'DB-B';
  const EA1 = employeeIdFor('DA1');

  const api = (who: string, url: string) => request(scenario.service('reporting').url).get(url).set('authorization', `Bearer ${tokens[who]}`);

  async function signIn(page: Page, role: string, bu: string, emp = '') {
    await page.goto(`${base}/#/signin`);
    await page.selectOption('[data-testid=signin-role]', role);
    await page.fill('[data-testid=signin-bu]', bu);
    await page.fill('[data-testid=signin-sub]', `user:${role}-dash`);
    await page.fill('[data-testid=signin-emp]', emp);
    await page.click('[data-testid=signin-submit]');
    await page.waitForSelector('[data-testid=who]');
  }
  async function open(page: Page, hash: string) {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector('main[aria-busy=false]');
  }
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(300); // charts draw on the next animation frame
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };
  const text = async (page: Page, testId: string) => (await page.textContent(`[data-testid=${testId}] .v`))?.trim();

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    scenario = await startScenario(['performance', 'reporting'], { dbPrefix: 'dash' });
    tokens.admin = await signDevToken({ sub: 'admin', roles: ['admin'], bu: ['*'] });
    tokens.managerA = await signDevToken({ sub: 'user:manager-dash', roles: ['manager'], bu: [A] });
    tokens.auditor = await signDevToken({ sub: 'user:auditor-dash', roles: ['auditor'], bu: ['*'] });
    const perf = scenario.service('performance');
    const post = async (url: string, body: object) => {
      const res = await request(perf.url).post(url).set('authorization', `Bearer ${tokens.admin}`).send(body);
      if (res.status >= 300) throw new Error(`fixture POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await post('/org/business-units', { businessUnitId: 'DB-ROOT', name: 'Acme', parentId: null });
    await post('/org/business-units', { businessUnitId: A, name: 'Sales', parentId: 'DB-ROOT' });
    await post('/org/business-units', { businessUnitId: B, name: 'Operations', parentId: 'DB-ROOT' });
    for (const [n, unit, level, mgr] of [['DMA', A, 'management', null], ['DA1', A, 'staff', 'DMA'], ['DA2', A, 'staff', 'DMA'], ['DMB', B, 'management', null], ['DB1', B, 'staff', 'DMB']] as const) {
      await post('/org/employees', { employeeNumber: n, name: `Person ${n}`, businessUnitId: unit, position: 'P', managerEmployeeNumber: mgr, level });
    }

    // What the other contexts publish, put on this scenario's topics as their relays would.
    const ns = scenario.namespace;
    const at = '2027-03-01T09:00:00.000Z';
    const ev = (ctx: ContextName) => contextEvents(ctx);
    const p = ev('performance');
    const t = ev('training');
    const c = ev('coaching');
    const r = ev('rewards');
    const fin = (num: string, unit: string, band: string, rank: number, score: number, potential: string) =>
      p('AppraisalFinalized', `appraisal-${num}`, {
        appraisalId: `ap-${num}`, cycleId: 'DC1', employeeId: employeeIdFor(num), businessUnitId: unit, managerId: employeeIdFor(unit === A ? 'DMA' : 'DMB'), period: '2027', score, ratingBand: band, ratingBandRank: rank,
        competencyGaps: [], indicators: [{ objectiveId: 'o', indicatorId: 'k', score }], potential, finalizedAt: at,
      }, { schemaVersion: 2, businessUnitId: unit, occurredAt: at });
    const stage = (type: string, num: string, unit: string, extra: object = {}) => p(type, `appraisal-${num}`, { cycleId: 'DC1', employeeId: employeeIdFor(num), at, ...extra }, { channel: 'log', businessUnitId: unit, occurredAt: at });
    const topics: Record<string, Envelope[]> = {
      [`${ns}performance.events`]: [fin('DA1', A, 'exceeds', 3, 92, 'high'), fin('DA2', A, 'meets', 2, 71, 'medium'), fin('DB1', B, 'below', 1, 35, 'low')],
      [`${ns}performance.log`]: [
        stage('ManagerAssessmentSubmitted', 'DA1', A, { businessUnitId: A, ratingBand: 'exceeds' }),
        stage('ManagerAssessmentSubmitted', 'DA2', A, { businessUnitId: A, ratingBand: 'exceeds' }),
        stage('RatingCalibrated', 'DA2', A, { fromBand: 'exceeds', toBand: 'meets', score: 71, calibratedBy: 'user:committee' }),
        stage('AppraisalFinalized', 'DA1', A), stage('AppraisalFinalized', 'DA2', A),
      ],
      [`${ns}training.events`]: [t('TrainingCompleted', 'session-DS1', { employeeId: EA1, programId: 'DP-1', programVersion: 1, sessionId: 'DS1', businessUnitId: A, competencies: ['negotiation'], examScore: 84, attendanceShare: 1, completedAt: at })],
      [`${ns}coaching.events`]: [
        c('EngagementStarted', 'engagement-DG1', { engagementId: 'DG1', coachId: employeeIdFor('DMA'), coacheeId: EA1, businessUnitId: A, cycleId: 'DC1', cadence: 'monthly', startedAt: at }),
        c('SessionHeld', 'engagement-DG1', { sessionId: 'DCS1', engagementId: 'DG1', coacheeId: EA1, businessUnitId: A, kind: 'formal', durationMinutes: 45, heldAt: at }),
      ],
      [`${ns}rewards.events`]: [
        r('RewardProposed', 'proposal-DR1', { proposalId: 'DR1', employeeId: EA1, businessUnitId: A, policyId: 'BONUS-27', policyVersion: 1, appraisalId: 'ap-DA1', cycleId: 'DC1', bandRank: 3, kind: 'bonus', amount: 1200, currency: 'EUR', proposedAt: at }),
      ],
    };
    const producer = testKafka().producer();
    await producer.connect();
    for (const [topic, list] of Object.entries(topics)) await producer.send({ topic, messages: list.map((e) => ({ key: e.streamId, value: JSON.stringify(e) })) });
    await producer.disconnect();
    await eventually(
      async () => {
        expect((await api('admin', '/dashboards/performance/distribution')).body.total).toBe(3);
        expect((await api('admin', '/dashboards/org/units')).body.total).toBe(5);
        expect((await api('admin', '/dashboards/rewards')).body.items).toHaveLength(1);
        expect((await api('admin', '/dashboards/coaching')).body.engagements).toBe(1);
        expect((await api('admin', '/dashboards/training')).body.completions).toBe(1);
        expect((await api('admin', '/dashboards/performance/calibration')).body.total).toBe(1);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const portOf = (svc: string) => new URL(scenario.service(svc).url).port;
    dashboard = spawn(process.execPath, [path.join(root, 'apps', 'dashboard', 'server.mjs')], {
      cwd: root,
      env: { ...process.env, DASHBOARD_PORT: String(port), PERFORMANCE_PORT: portOf('performance'), REPORTING_PORT: portOf('reporting'), TRAINING_PORT: '1', COACHING_PORT: '1', REWARDS_PORT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dashboard.stdout!.on('data', (d) => logs.push(String(d)));
    dashboard.stderr!.on('data', (d) => logs.push(String(d)));
    await eventually(async () => expect((await fetch(`${base}/`)).status).toBe(200), { timeoutMs: 120_000, intervalMs: 500 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    dashboard?.kill('SIGTERM');
    await scenario?.stop();
  });

  it('shows a manager every page with the API figures of their unit, and never the sibling unit', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await signIn(page, 'manager', A);
    await open(page, '#/org');
    const org = (await api('managerA', '/dashboards/org/units')).body;
    expect(await text(page, 'kpi-headcount')).toBe(String(org.total));
    expect(org.total).toBe(3);
    const options = await page.$$eval('[data-testid=filter-unit] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['', A]);
    expect(await page.textContent('[data-testid=org-table]')).not.toContain('Operations');
    await shot(page, 'organization-manager');

    await open(page, '#/performance?cycleId=DC1');
    const dist = (await api('managerA', '/dashboards/performance/distribution?cycleId=DC1')).body;
    expect(await text(page, 'kpi-appraisals')).toBe(String(dist.total));
    expect(dist.total).toBe(2);
    expect(await text(page, 'kpi-shifts')).toBe('1');
    expect(await text(page, 'kpi-mean-score')).toBe(String(dist.meanScore));
    for (const id of ['chart-distribution', 'chart-heatmap', 'chart-ninebox', 'chart-calibration', 'chart-completion', 'chart-trend']) {
      expect(await page.getAttribute(`[data-testid=${id}] .chart`, 'aria-label')).toBeTruthy();
    }
    await page.waitForSelector('[data-testid=chart-distribution] svg');
    await shot(page, 'performance-manager');

    // The sibling unit, asked for by URL: refused, nothing of it drawn.
    await open(page, `#/performance?unit=${B}`);
    expect(await page.textContent('main')).toContain('Not within your access');
    await shot(page, 'performance-out-of-scope');

    await open(page, '#/training');
    expect(await text(page, 'kpi-completions')).toBe(String((await api('managerA', '/dashboards/training')).body.completions));
    await shot(page, 'training-manager');
    await open(page, '#/coaching');
    const coaching = (await api('managerA', '/dashboards/coaching')).body;
    expect(await text(page, 'kpi-coverage')).toBe(`${coaching.coveragePercent} %`);
    await shot(page, 'coaching-manager');
    await open(page, '#/rewards');
    expect(await page.textContent('[data-testid=table-policies]')).toContain('1,200');
    await shot(page, 'rewards-manager');

    await open(page, `#/timeline?employee=${EA1}&number=DA1`);
    const timeline = (await api('managerA', `/dashboards/employees/${EA1}/timeline`)).body.items;
    expect(await page.$$eval('[data-testid=timeline-list] tbody tr', (rows) => rows.length)).toBe(timeline.length);
    expect(await page.textContent('[data-testid=timeline-who]')).toContain('Person DA1');
    await shot(page, 'timeline-manager');
    await open(page, `#/timeline?employee=${employeeIdFor('DB1')}`);
    expect(await page.textContent('main')).toContain('Not within your access');

    await open(page, '#/audit');
    expect(await page.textContent('[data-testid=integrity-performance]')).toContain('auditors and admins only');
    await page.close();
  });

  it('shows an auditor the integrity of each service and the trail, and every other page', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await signIn(page, 'auditor', '*');
    await open(page, '#/audit');
    await eventually(async () => {
      await open(page, '#/audit');
      expect(await page.textContent('[data-testid=integrity-performance]')).toContain('intact');
    });
    expect(await page.textContent('[data-testid=integrity-training]')).toContain('unreachable');
    const events = (await request(scenario.service('reporting').url).get('/audit/events?limit=50').set('authorization', `Bearer ${tokens.auditor}`)).body.items;
    expect(events.length).toBeGreaterThan(0);
    expect(await page.$$eval('[data-testid=audit-events] tbody tr', (rows) => rows.length)).toBe(events.length);
    await shot(page, 'audit-auditor');
    await page.click('[data-testid=audit-events] tbody tr:first-child a');
    await page.waitForSelector('[data-testid=chart-correlation]');
    await shot(page, 'correlation-chain-auditor');
    for (const name of ['org', 'performance', 'training', 'coaching', 'rewards']) {
      await open(page, `#/${name}`);
      expect(await page.textContent('main')).not.toContain('Not within your access');
    }
    await open(page, '#/performance');
    expect(await text(page, 'kpi-appraisals')).toBe('3');
    await page.close();
    if (process.env.DASHBOARD_SCREENSHOTS_TO_DOCS === '1') {
      const docs = path.join(root, 'docs', 'screenshots');
      mkdirSync(docs, { recursive: true });
      for (const n of ['organization-manager', 'performance-manager', 'timeline-manager', 'audit-auditor', 'coaching-manager']) copyFileSync(path.join(shots, `${n}.png`), path.join(docs, `${n}.png`));
    }
  });
});
