import type { EventStore } from '@tpm/event-store';
import { appraisalCycleDecider, CYCLE_STAGES, type AppraisalCycleOpened, type CycleStage } from '@tpm/performance-domain';
import { cycleStream } from './performance.streams';

const PAGE = 5000;

/**
 * The furthest stage reached by the appraisal cycles of `period` that enrolled the employee, null
 * when none did. Read from this service's own log, so a stage advanced a moment ago already counts;
 * cycles are few per period, so only their opening events are scanned.
 */
export const employeeCycleStage = async (store: EventStore, employeeId: string, period: string): Promise<CycleStage | null> => {
  const cycleIds: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE, horizon: 'committed', types: ['AppraisalCycleOpened'] });
    for (const e of page.events) {
      const d = e.data as AppraisalCycleOpened['data'];
      if (d.period === period) cycleIds.push(d.cycleId);
    }
    // A filtered page shorter than the limit has reached the safe end of the log.
    if (page.events.length < PAGE) break;
    after = page.next;
  }
  let furthest: CycleStage | null = null;
  for (const cycleId of cycleIds) {
    const { state } = await store.aggregate(cycleStream(cycleId), appraisalCycleDecider);
    if (state.status !== 'open' || !(employeeId in state.participants)) continue;
    if (furthest === null || CYCLE_STAGES.indexOf(state.stage) > CYCLE_STAGES.indexOf(furthest)) furthest = state.stage;
  }
  return furthest;
};
