import { deciderSpec } from '@tpm/kernel/testing';
import type { FollowUpCommand } from './follow-up.commands';
import { followUpDecider } from './follow-up.decider';
import { FollowUpAlreadyRecorded, FollowUpNotScheduled, FollowUpsWereCancelled } from './follow-up.errors';
import type { FollowUpEvent } from './follow-up.events';

const given = deciderSpec(followUpDecider);
const at = '2027-03-10T00:00:00.000Z';
const who = { sessionId: 's1', employeeId: 'ana', programId: 'p1' };
const scheduled = (): FollowUpEvent => ({
  type: 'FollowUpsScheduled',
  data: {
    ...who,
    completedAt: at,
    checks: [
      { day: 30, dueAt: '2027-04-09T00:00:00.000Z' },
      { day: 60, dueAt: '2027-05-09T00:00:00.000Z' },
      { day: 90, dueAt: '2027-06-08T00:00:00.000Z' },
    ],
    at,
  },
});
const record = (day: number, support = 'pairing with a senior'): FollowUpCommand => ({
  type: 'RecordFollowUpCheck',
  data: { day, applied: true, support, recordedBy: 'boss', at },
});
const recorded = (day: number): FollowUpEvent => ({ type: 'FollowUpCheckRecorded', data: { ...who, day, applied: true, support: 'pairing with a senior', recordedBy: 'boss', at } });
const due = (day: number): FollowUpCommand => ({ type: 'MarkFollowUpDue', data: { day, at } });

describe('ScheduleFollowUps', () => {
  it('schedules the 30, 60 and 90-day checks from the completion date', () =>
    given([]).when({ type: 'ScheduleFollowUps', data: { ...who, completedAt: at, at } }).then([scheduled()]));
  it('says nothing when they are already scheduled', () => given([scheduled()]).when({ type: 'ScheduleFollowUps', data: { ...who, completedAt: at, at } }).then([]));
});

describe('MarkFollowUpDue', () => {
  it('marks a scheduled check due when its deadline fires', () =>
    given([scheduled()]).when(due(30)).then([{ type: 'FollowUpCheckDue', data: { ...who, day: 30, dueAt: '2027-04-09T00:00:00.000Z', at } }]));
  it('ignores a deadline for a check already done', () => given([scheduled(), recorded(30)]).when(due(30)).then([]));
  it('ignores a deadline after the follow-ups were cancelled', () =>
    given([scheduled(), { type: 'FollowUpsCancelled', data: { ...who, reason: 'offboarded', pendingDays: [30, 60, 90], at } }]).when(due(60)).then([]));
});

describe('RecordFollowUpCheck', () => {
  it('records whether the skill is applied and the support given', () => given([scheduled()]).when(record(30)).then([recorded(30)]));
  it('says nothing when the same check is recorded again', () => given([scheduled(), recorded(30)]).when(record(30)).then([]));
  it('refuses a different second record of one check', () => given([scheduled(), recorded(30)]).when(record(30, 'other')).thenThrows(FollowUpAlreadyRecorded));
  it('refuses a day that is not a follow-up', () => given([scheduled()]).when(record(45)).thenThrows(FollowUpNotScheduled));
  it('refuses checks after cancellation', () =>
    given([scheduled(), { type: 'FollowUpsCancelled', data: { ...who, reason: 'offboarded', pendingDays: [30, 60, 90], at } }]).when(record(30)).thenThrows(FollowUpsWereCancelled));
});

describe('CancelFollowUps', () => {
  it('cancels the checks still pending', () =>
    given([scheduled(), recorded(30)])
      .when({ type: 'CancelFollowUps', data: { reason: 'offboarded', at } })
      .then([{ type: 'FollowUpsCancelled', data: { ...who, reason: 'offboarded', pendingDays: [60, 90], at } }]));
});
