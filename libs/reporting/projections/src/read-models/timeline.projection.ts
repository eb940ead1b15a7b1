import { CONTEXTS, topicOf, type Envelope } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';
import { insertRows, rm, typeName } from './sql-rows';

export const TIMELINE_TABLES = { timeline: rm('employee_timeline') } as const;
export const TIMELINE_TOPICS = CONTEXTS.filter((c) => c !== 'reporting').map(topicOf);

/** Keys that may hold a person's name or free text: never copied into the timeline. */
const NOT_FACTS = new Set(['name', 'employeeNumber', 'description', 'reason', 'comment', 'comments', 'note', 'notes', 'answers', 'agenda']);
/** Who an event is about: the employee, the coachee. */
const subjectOf = (d: Record<string, unknown>): string | null =>
  typeof d.employeeId === 'string' ? d.employeeId : typeof d.coacheeId === 'string' ? d.coacheeId : null;

/**
 * One row per published event about an employee, from every context's `.events` topic: the 360°
 * timeline. `facts` keeps the event's ids, dates, kinds and figures, never names or free text.
 */
export const timelineProjection: Projection = {
  name: 'employee-timeline',
  version: 1,
  handles: ['*'],
  tables: [TIMELINE_TABLES.timeline],
  async apply(batch: Envelope[], tx, tables) {
    const rows = [];
    for (const e of batch) {
      if (e.channel === 'log') continue;
      const d = (e.data ?? {}) as Record<string, unknown>;
      const employeeId = subjectOf(d);
      if (!employeeId) continue;
      const facts = Object.fromEntries(Object.entries(d).filter(([k]) => !NOT_FACTS.has(k)));
      rows.push({
        event_id: e.eventId,
        employee_id: employeeId,
        context: e.context,
        type: typeName(e),
        occurred_at: e.occurredAt,
        business_unit_id: typeof d.businessUnitId === 'string' ? d.businessUnitId : typeof d.toBusinessUnitId === 'string' ? d.toBusinessUnitId : e.businessUnitId,
        correlation_id: e.correlationId,
        causation_id: e.causationId,
        facts,
      });
    }
    await insertRows(
      tx,
      tables[TIMELINE_TABLES.timeline],
      [['event_id', 'text'], ['employee_id', 'text'], ['context', 'text'], ['type', 'text'], ['occurred_at', 'timestamptz'], ['business_unit_id', 'text'], ['correlation_id', 'text'], ['causation_id', 'text'], ['facts', 'jsonb']],
      rows,
      'ON CONFLICT (event_id) DO NOTHING',
    );
  },
};
