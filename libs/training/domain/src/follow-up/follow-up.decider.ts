import { assertNever, type Decider } from '@tpm/kernel';
import type { FollowUpCommand } from './follow-up.commands';
import { FollowUpAlreadyRecorded, FollowUpNotScheduled, FollowUpsWereCancelled } from './follow-up.errors';
import { FOLLOW_UP_DAYS, type FollowUpEvent } from './follow-up.events';

export interface FollowUpCheck {
  day: number;
  dueAt: string;
  status: 'scheduled' | 'due' | 'done';
  applied: boolean | null;
  support: string | null;
}

/** The 30/60/90-day checks after one employee completed one session. */
export type FollowUp =
  | { status: 'new' }
  | { status: 'active' | 'cancelled'; sessionId: string; employeeId: string; programId: string; checks: FollowUpCheck[] };

const DAY_MS = 24 * 3600 * 1000;

const decide = (cmd: FollowUpCommand, s: FollowUp): FollowUpEvent[] => {
  if (cmd.type === 'ScheduleFollowUps') {
    if (s.status !== 'new') return [];
    const { completedAt } = cmd.data;
    const checks = FOLLOW_UP_DAYS.map((day) => ({ day, dueAt: new Date(Date.parse(completedAt) + day * DAY_MS).toISOString() }));
    return [{ type: 'FollowUpsScheduled', data: { ...cmd.data, checks } }];
  }
  if (s.status === 'new') throw new FollowUpNotScheduled('day' in cmd.data ? cmd.data.day : 0);
  const subject = { sessionId: s.sessionId, employeeId: s.employeeId, programId: s.programId };
  switch (cmd.type) {
    case 'MarkFollowUpDue': {
      const check = s.checks.find((c) => c.day === cmd.data.day);
      if (!check) throw new FollowUpNotScheduled(cmd.data.day);
      // A deadline that fires after the check was done (or the follow-ups were cancelled) is moot.
      if (s.status === 'cancelled' || check.status !== 'scheduled') return [];
      return [{ type: 'FollowUpCheckDue', data: { ...subject, day: check.day, dueAt: check.dueAt, at: cmd.data.at } }];
    }
    case 'RecordFollowUpCheck': {
      if (s.status === 'cancelled') throw new FollowUpsWereCancelled();
      const check = s.checks.find((c) => c.day === cmd.data.day);
      if (!check) throw new FollowUpNotScheduled(cmd.data.day);
      if (check.status === 'done') {
        if (check.applied === cmd.data.applied && check.support === cmd.data.support) return [];
        throw new FollowUpAlreadyRecorded(cmd.data.day);
      }
      return [{ type: 'FollowUpCheckRecorded', data: { ...subject, ...cmd.data } }];
    }
    case 'CancelFollowUps': {
      if (s.status === 'cancelled') return [];
      const pendingDays = s.checks.filter((c) => c.status !== 'done').map((c) => c.day);
      return [{ type: 'FollowUpsCancelled', data: { ...subject, ...cmd.data, pendingDays } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: FollowUp, e: FollowUpEvent): FollowUp => {
  if (e.type === 'FollowUpsScheduled') {
    const { sessionId, employeeId, programId, checks } = e.data;
    return { status: 'active', sessionId, employeeId, programId, checks: checks.map((c) => ({ ...c, status: 'scheduled', applied: null, support: null })) };
  }
  if (s.status === 'new') return s;
  const update = (day: number, change: Partial<FollowUpCheck>) => s.checks.map((c) => (c.day === day ? { ...c, ...change } : c));
  switch (e.type) {
    case 'FollowUpCheckDue':
      return { ...s, checks: update(e.data.day, { status: 'due' }) };
    case 'FollowUpCheckRecorded':
      return { ...s, checks: update(e.data.day, { status: 'done', applied: e.data.applied, support: e.data.support }) };
    case 'FollowUpsCancelled':
      return { ...s, status: 'cancelled' };
    default:
      return assertNever(e);
  }
};

export const followUpDecider: Decider<FollowUpCommand, FollowUpEvent, FollowUp> = { decide, evolve, initialState: (): FollowUp => ({ status: 'new' }) };
