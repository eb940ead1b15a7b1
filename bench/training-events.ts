// The workload the store benchmarks share: training sessions of 64 events (48 enrolments, 8
// completions, 8 needs identified, as a year of training looks), written by 8 writers one
// session stream per append, and the ordered scan every figure is compared with.
import { randomUUID } from 'node:crypto';
import { START, type AppendOptions, type EventStore, type LogPosition } from '../libs/platform/event-store/src/event-store';

export const SESSION = 64;
const at = '2027-02-01T10:00:00.000Z';
const metadata: AppendOptions['metadata'] = { actor: { subject: 'bench', roles: ['trainer'] }, businessUnitId: 'BU-7', correlationId: randomUUID() };

export const trainingEventOf = (i: number) => {
  const sessionId = `S-${i >> 6}`;
  const employeeId = `emp-${(i >> 6) % 5000}-${i & 63}`;
  const k = i & 63;
  if (k < 48) return { type: 'EmployeeEnrolled', data: { sessionId, employeeId, businessUnitId: `BU-${i % 97}`, via: 'direct', at } };
  if (k < 56)
    return {
      type: 'TrainingCompleted',
      data: { employeeId, programId: 'P-NEG', programVersion: 1, sessionId, businessUnitId: `BU-${i % 97}`, competencies: ['negotiation'], examScore: 81, attendanceShare: 1, completedAt: at },
    };
  return {
    type: 'TrainingNeedIdentified',
    data: {
      needId: `N-${i}`, employeeId, businessUnitId: `BU-${i % 97}`, competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2,
      source: 'appraisal', sourceRef: `A-${i}`, strategicWeight: 1, priority: 2, priorityVersion: 1, at,
    },
  };
};

/** Writes `events` training events, one new stream per 64-event session, 8 writers at once. */
export async function writeTrainingSessions(store: EventStore, events: number, streamOf: (session: number) => string, onWritten: (n: number) => void): Promise<void> {
  let next = 0;
  const chunk = SESSION * 16;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = (next += chunk) - chunk; i < events; i = (next += chunk) - chunk) {
        const batch = Array.from({ length: Math.min(chunk, events - i) }, (_, k) => ({ eventId: randomUUID(), ...trainingEventOf(i + k) }));
        for (let s = 0; s < batch.length; s += SESSION) await store.append(streamOf((i + s) / SESSION), batch.slice(s, s + SESSION), { expectedVersion: 'no-stream', metadata });
        onWritten(batch.length);
      }
    }),
  );
}

/** The floor: the whole log read in order, nothing done with it. Returns the events read. */
export async function orderedScan(store: EventStore, progress: (done: number) => void): Promise<number> {
  let n = 0;
  for (let after: LogPosition = START; ; ) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.events.length === 0) return n;
    n += page.events.length;
    after = page.next;
    progress(n);
  }
}
