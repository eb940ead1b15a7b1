import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '@tpm/auth';
import { createLogger } from '@tpm/logging';
import { bootFaultService, startFaultInfra, type FaultInfra, type FaultService } from '@tpm/testing';

/**
 * Infrastructure faults under load, on this project's own embedded PostgreSQL and KRaft broker
 * (never the suite's): PostgreSQL restarted, the broker SIGKILLed and restarted, a service
 * SIGKILLed and started again, each while employees are being imported into performance and
 * reporting projects them. After each: no service exited, /health went 503 (with Retry-After)
 * and back to 200, no refused command got a 500, and every acknowledged employee is in the
 * store once (gapless streams, unique event ids, verify ok), on Kafka and in reporting once.
 */
const log = createLogger('fault-test');
const SERVICES = ['performance', 'reporting', 'training'];
const DEPARTMENTS = ['BU-F-1', 'BU-F-2', 'BU-F-3', 'BU-F-4'];
const BATCH = 40;

describe('infrastructure faults under load', () => {
  let infra: FaultInfra;
  const running = new Map<string, FaultService>();
  const svc = (name: string) => running.get(name)!;
  let bearer = '';
  const dbUrl = (service: string) => {
    const u = new URL(infra.databaseUrl);
    u.pathname = `/faults_${service}`;
    return u.toString();
  };
  /** Every employee number a 200 import answer acknowledged (accepted now or already there). */
  const acknowledged = new Set<string>();
  let nextNumber = 0;
  /** The environment the services were booted with (a second replica gets the same). */
  let serviceEnv: Record<string, string> = {};

  beforeAll(async () => {
    const t = Date.now();
    infra = await startFaultInfra();
    log.info({ ms: Date.now() - t, databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers }, 'fault infrastructure up');
    const admin = new Client({ connectionString: infra.databaseUrl });
    await admin.connect();
    for (const s of SERVICES) await admin.query(`CREATE DATABASE faults_${s}`);
    await admin.end();
    bearer = `Bearer ${await signDevToken({ sub: 'fault-admin', roles: ['admin'], bu: ['*'] })}`;
    const env: Record<string, string> = { DATABASE_URL: infra.databaseUrl, KAFKA_BROKERS: infra.kafkaBrokers, KAFKA_TOPIC_PREFIX: 'faults.' };
    for (const s of SERVICES) env[`${s.toUpperCase()}_DATABASE_URL`] = dbUrl(s);
    serviceEnv = env;
    const booted = await Promise.all(SERVICES.map((s) => bootFaultService(s, env)));
    booted.forEach((s) => running.set(s.name, s));
    log.info({ ms: Date.now() - t }, 'services up');
    await post('performance', '/org/business-units', { businessUnitId: 'BU-F', name: 'Faults Inc', parentId: null }, 201);
    for (const d of DEPARTMENTS) await post('performance', '/org/business-units', { businessUnitId: d, name: d, parentId: 'BU-F' }, 201);
  });

  afterAll(async () => {
    await Promise.all([...running.values()].map((s) => s.stop()));
    // FAULTS_LOG_DIR=<folder> keeps each service's log lines of the run, to read what it said.
    const dir = process.env.FAULTS_LOG_DIR;
    if (dir) for (const s of running.values()) writeFileSync(path.join(dir, `${s.name}.log`), s.logs.join(''));
    await infra?.stop();
  });

  afterEach(() => {
    for (const s of running.values()) {
      if (s.crashed()) log.error({ service: s.name, code: s.exitCode(), logs: s.logs.join('').slice(-4000) }, 'service exited');
    }
  });

  async function post(service: string, route: string, body: unknown, expected: number) {
    const res = await fetch(`${svc(service).url}${route}`, { method: 'POST', headers: { authorization: bearer, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== expected) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
  }

  /** What the load saw: statuses of refused attempts, and whether one was a 500 or lacked Retry-After. */
  interface LoadReport {
    batches: number;
    refused: Record<string, number>;
    unexpected: string[];
  }

  /**
   * Imports `batches` CSV files of BATCH new employees one after another; a refused attempt
   * (503, or no answer while the service is down) is retried with the same file until a 200.
   * `onBatch` is told how many batches are done, so the test injects its fault mid-load.
   */
  async function load(batches: number, onBatch: (done: number) => Promise<void> | void = () => undefined): Promise<LoadReport> {
    const report: LoadReport = { batches, refused: {}, unexpected: [] };
    for (let b = 0; b < batches; b++) {
      const rows = Array.from({ length: BATCH }, () => {
        const n = nextNumber++;
        return [`F${String(n).padStart(5, '0')}`, `Employee ${n}`, DEPARTMENTS[n % DEPARTMENTS.length], 'Analyst', '', 'staff'];
      });
      const csv = ['employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level', ...rows.map((r) => r.join(','))].join('\n');
      for (;;) {
        assertNoneCrashed();
        let status: string;
        try {
          const res = await fetch(`${svc('performance').url}/org/employees/import`, { method: 'POST', headers: { authorization: bearer, 'content-type': 'text/csv' }, body: csv });
          status = String(res.status);
          const body = (await res.json()) as { accepted?: number; unchanged?: number; rejected?: unknown[] };
          if (res.status === 200) {
            if (body.rejected?.length || (body.accepted ?? 0) + (body.unchanged ?? 0) !== BATCH) report.unexpected.push(`batch ${b}: ${JSON.stringify(body)}`);
            rows.forEach((r) => acknowledged.add(r[0]));
            break;
          }
          if (res.status !== 503) report.unexpected.push(`batch ${b}: ${res.status} ${JSON.stringify(body)}`);
          else if (!res.headers.get('retry-after')) report.unexpected.push(`batch ${b}: 503 without Retry-After`);
        } catch {
          status = 'no answer';
        }
        report.refused[status] = (report.refused[status] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 500));
      }
      await onBatch(b + 1);
    }
    return report;
  }

  const logLines = (service: string) => svc(service).logs.join('').split('\n');

  afterEach(() => {
    for (const s of SERVICES) {
      const lines = logLines(s);
      log.info({ service: s, warn: lines.filter((l) => l.includes('"level":"warn"')).length, error: lines.filter((l) => l.includes('"level":"error"')).length }, 'log lines so far');
    }
  });

  /** A service that exited on its own fails the test at once, with its last lines, instead of a timeout. */
  const assertNoneCrashed = () => {
    const crashed = [...running.values()].filter((s) => s.crashed());
    if (crashed.length) throw new Error(crashed.map((s) => `${s.name} exited (code ${s.exitCode()}):\n${s.logs.join('').slice(-2500)}`).join('\n'));
  };

  /** eventually(), except that a crashed service ends the wait at once. */
  async function until(check: () => Promise<void>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      assertNoneCrashed();
      try {
        return await check();
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const health = async (service: string) => {
    const res = await fetch(`${svc(service).url}/health`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
  };

  const allHealthy = () =>
    until(async () => {
      for (const s of SERVICES) expect((await health(s)).status).toBe(200);
    }, 120_000);

  const allUnhealthy = () =>
    until(async () => {
      for (const s of SERVICES) {
        const h = await health(s);
        expect(h.status).toBe(503);
        expect(Number(h.retryAfter)).toBeGreaterThan(0);
        expect(h.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      }
    }, 60_000);

  /** Nothing lost or doubled: the store, Kafka (reporting's audit trail of performance.log) and reporting's headcount. */
  async function assertExactlyOnce(): Promise<void> {
    const t = Date.now();
    const perf = new Client({ connectionString: dbUrl('performance') });
    await perf.connect();
    let storeEvents = 0;
    try {
      const { rows: [store] } = await perf.query<{ events: string; ids: string; gaps: string; onboarded: string; onboardedStreams: string }>(`
        SELECT count(*) AS events, count(DISTINCT event_id) AS ids,
               (SELECT count(*) FROM (SELECT stream_id FROM es.events GROUP BY stream_id HAVING max(stream_version) <> count(*) OR min(stream_version) <> 1) g) AS gaps,
               count(*) FILTER (WHERE type LIKE '%EmployeeOnboarded') AS onboarded,
               count(DISTINCT stream_id) FILTER (WHERE type LIKE '%EmployeeOnboarded') AS "onboardedStreams"
          FROM es.events`);
      expect(Number(store.ids)).toBe(Number(store.events));
      expect(Number(store.gaps)).toBe(0);
      expect(Number(store.onboarded)).toBe(acknowledged.size);
      expect(Number(store.onboardedStreams)).toBe(acknowledged.size);
      storeEvents = Number(store.events);
    } finally {
      await perf.end();
    }
    const verify = await fetch(`${svc('performance').url}/history/verify`, { headers: { authorization: bearer } });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ ok: true, problems: [] });

    const rep = new Client({ connectionString: dbUrl('reporting') });
    await rep.connect();
    try {
      await until(async () => {
        const root = await fetch(`${svc('reporting').url}/org/business-units/BU-F`, { headers: { authorization: bearer } });
        expect(root.status).toBe(200);
        expect(((await root.json()) as { headcountWithDescendants: number }).headcountWithDescendants).toBe(acknowledged.size);
        const { rows: [audit] } = await rep.query<{ n: string; ids: string }>(`SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM audit_events WHERE context = 'performance'`);
        expect(Number(audit.ids)).toBe(Number(audit.n));
        expect(Number(audit.n)).toBe(storeEvents);
      }, 120_000);
    } finally {
      await rep.end();
    }
    for (const s of SERVICES) expect(svc(s).crashed()).toBe(false);
    // An outage is an answer, not a bug: no service logged one as an unhandled error.
    for (const s of SERVICES) expect(svc(s).logs.join('').split('\n').filter((l) => l.includes('"unhandled error"'))).toEqual([]);
    log.info({ employees: acknowledged.size, storeEvents, ms: Date.now() - t }, 'nothing lost or doubled');
  }

  it('survives a PostgreSQL restart mid-load', async () => {
    const t = Date.now();
    let backAt = t;
    let outage: Promise<void> = Promise.resolve();
    const report = await load(12, (done) => {
      if (done !== 3) return;
      outage = (async () => {
        await infra.run('pg-stop');
        log.info('PostgreSQL stopped');
        await allUnhealthy();
        await infra.run('pg-start');
        backAt = Date.now();
        log.info('PostgreSQL started again');
      })();
    });
    await outage;
    log.info({ ...report, ms: Date.now() - t }, 'load done');
    expect(report.unexpected).toEqual([]);
    for (const s of SERVICES) expect(svc(s).crashed()).toBe(false);
    await allHealthy();
    log.info({ ms: Date.now() - t, sinceBackMs: Date.now() - backAt }, 'healthy again after the PostgreSQL restart');
    for (const s of SERVICES) {
      // One warn line when the outage starts (and one info when it ends), not one per probe.
      const lines = logLines(s).filter((l) => l.includes('unhealthy: a dependency is unreachable'));
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(2);
    }
    await assertExactlyOnce();
  });

  it('survives the broker killed and restarted mid-load', async () => {
    const t = Date.now();
    let backAt = t;
    let outage: Promise<void> = Promise.resolve();
    const report = await load(12, (done) => {
      if (done !== 3) return;
      outage = (async () => {
        await infra.run('kafka-kill');
        log.info('broker killed');
        await allUnhealthy();
        await infra.run('kafka-start');
        backAt = Date.now();
        log.info('broker started again');
      })();
    });
    await outage;
    log.info({ ...report, ms: Date.now() - t }, 'load done');
    // Commands never depend on the broker: the outbox holds what the relay could not publish.
    expect(report.unexpected).toEqual([]);
    for (const s of SERVICES) expect(svc(s).crashed()).toBe(false);
    await allHealthy();
    log.info({ ms: Date.now() - t, sinceBackMs: Date.now() - backAt }, 'healthy again after the broker restart');
    await assertExactlyOnce();
    log.info({ sinceBackMs: Date.now() - backAt }, 'projections caught up after the broker restart');
  });

  it('resumes after a service is SIGKILLed mid-load and started again', async () => {
    const t = Date.now();
    let outage: Promise<void> = Promise.resolve();
    const report = await load(12, (done) => {
      if (done === 3) {
        // The reader of what performance published dies mid-stream: its checkpoints must hold.
        outage = (async () => {
          await svc('reporting').kill();
          log.info('reporting SIGKILLed');
          await svc('reporting').start();
          log.info('reporting started again');
        })();
      }
      if (done === 6) {
        // The writer dies mid-load, while the next file is being written: its relay resumes
        // from its checkpoint, and the load retries the file (the ids are derived, so no doubles).
        return outage.then(() => {
          outage = (async () => {
            await new Promise((r) => setTimeout(r, 100));
            await svc('performance').kill();
            log.info('performance SIGKILLed');
            await svc('performance').start();
            log.info('performance started again');
          })();
        });
      }
    });
    await outage;
    log.info({ ...report, ms: Date.now() - t }, 'load done');
    expect(report.unexpected).toEqual([]);
    // Performance was down while a file was on its way: the load saw it and retried.
    expect(report.refused['no answer']).toBeGreaterThan(0);
    await allHealthy();
    await assertExactlyOnce();
  });

  it('hands the relay to a second replica within seconds when the active one is SIGKILLed', async () => {
    const first = svc('performance');
    const second = await bootFaultService('performance', serviceEnv);
    const extra = [second];
    try {
      // Metrics say which replica leads (the relay's advisory lock): exactly one does.
      const leads = async (s: FaultService) => /^tpm_relay_active(\{[^}]*\})? 1$/m.test(await (await fetch(`${s.url}/metrics`)).text());
      await until(async () => expect([await leads(first), await leads(second)].filter(Boolean)).toHaveLength(1), 30_000);
      const active = (await leads(first)) ? first : second;
      const standby = active === first ? second : first;
      // The load goes to the replica that survives; the killed one is the test's doing, not a crash.
      running.set('performance', standby);
      let tookOverMs = -1;
      const t = Date.now();
      const report = await load(6, async (done) => {
        if (done !== 2) return;
        await active.kill();
        const killedAt = Date.now();
        await until(async () => expect(await leads(standby)).toBe(true), 60_000);
        tookOverMs = Date.now() - killedAt;
      });
      log.info({ tookOverMs, ms: Date.now() - t, ...report }, 'the standby replica took the relay over');
      expect(tookOverMs).toBeGreaterThanOrEqual(0);
      expect(report.unexpected).toEqual([]);
      await assertExactlyOnce();
    } finally {
      for (const s of extra) if (s !== svc('performance')) await s.stop().catch(() => undefined);
    }
  });
});
