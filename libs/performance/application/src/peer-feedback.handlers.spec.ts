import { ManualClock, type Actor } from '@tpm/kernel';
import type { CommandContext } from '@tpm/event-store';
import {
  FeedbackAlreadyGiven,
  NominationNotFound,
  OnlyManagerOrHrApproves,
  OnlyRevieweeOrManagerNominates,
  ReviewerNotApproved,
  UpwardFeedbackOnlyFromReports,
  WrongCycleStage,
} from '@tpm/performance-domain';
import { AdvanceAppraisalStageHandler, EnrolCycleParticipantsHandler, OpenAppraisalCycleHandler } from './appraisal-cycle.handlers';
import { AppraisalQueries } from './appraisal.queries';
import { OnboardEmployeeHandler } from './onboard-employee.handler';
import { ApproveNominationHandler, NominateReviewerHandler } from './peer-feedback-nomination.handlers';
import { ANONYMOUS_REVIEWER, SubmitAnonymousFeedbackHandler, SubmitPeerFeedbackHandler, type SubmitPeerFeedbackInput } from './peer-feedback.handler';
import { ReleaseAnonymousFeedbackHandler } from './peer-feedback.release';
import { peerFeedbackStream } from './performance.streams';
import { RegisterBusinessUnitHandler } from './register-business-unit.handler';
import { FoldedReadModel } from './testing/folded-read-model.spec-helper';
import { InMemoryEventStore } from './testing/in-memory-event-store.spec-helper';
import { InMemoryHoldingArea } from './testing/in-memory-holding-area.spec-helper';

const as = (subject: string, roles: Actor['roles'], employeeId?: string): CommandContext => ({
  actor: { subject, roles, employeeId },
  correlationId: '11111111-1111-4111-8111-111111111111',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});
const hr = as('hr-1', ['hr']);

describe('360 feedback: nominations, anonymous entries held until review ends', () => {
  let store: InMemoryEventStore;
  let reads: FoldedReadModel;
  let clock: ManualClock;
  let holding: InMemoryHoldingArea;
  let ids: Record<string, string>;
  const ctxOf = (name: string) => as(name, ['employee'], ids[name]);
  const release = () => new ReleaseAnonymousFeedbackHandler(store, clock, holding, reads);
  const advance = (to: 'execution' | 'review' | 'calibration') => new AdvanceAppraisalStageHandler(store, clock, reads, release()).handle({ cycleId: 'C1', to }, hr);
  const nominate = (of: string, reviewer: string, by: string) =>
    new NominateReviewerHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids[of], reviewerId: ids[reviewer], actingEmployeeId: ids[by] ?? null }, ctxOf(by));
  const approve = (of: string, reviewer: string, by: string, ctx = ctxOf(by)) =>
    new ApproveNominationHandler(store, clock, reads).handle({ cycleId: 'C1', employeeId: ids[of], reviewerId: ids[reviewer], actingEmployeeId: ids[by] ?? null }, ctx);
  const input = (on: string, by: string, changes: Partial<SubmitPeerFeedbackInput> = {}): SubmitPeerFeedbackInput => ({
    cycleId: 'C1',
    employeeId: ids[on],
    feedbackId: `${on}-${by}-${changes.relation ?? 'peer'}`,
    relation: 'peer',
    rating: 4,
    comment: `${by} on ${on}`,
    actingEmployeeId: ids[by],
    ...changes,
  });
  const named = (on: string, by: string, changes: Partial<SubmitPeerFeedbackInput> = {}) => new SubmitPeerFeedbackHandler(store, clock, holding, reads).handle(input(on, by, changes), ctxOf(by));
  const anonymous = (on: string, by: string, changes: Partial<SubmitPeerFeedbackInput> = {}) => new SubmitAnonymousFeedbackHandler(store, clock, holding, reads).handle(input(on, by, changes));

  beforeEach(async () => {
    store = new InMemoryEventStore();
    reads = new FoldedReadModel(store);
    clock = new ManualClock(new Date('2027-01-02T09:00:00Z'));
    holding = new InMemoryHoldingArea();
    const register = new RegisterBusinessUnitHandler(store, clock);
    await register.handle({ businessUnitId: 'org', name: 'ACME', parentId: null }, hr);
    await register.handle({ businessUnitId: 'sales', name: 'Sales', parentId: 'org' }, hr);
    await register.handle({ businessUnitId: 'ops', name: 'Ops', parentId: 'org' }, hr);
    const onboard = new OnboardEmployeeHandler(store, clock);
    const base = { businessUnitId: 'sales', position: 'Rep', level: 'staff' as const };
    ids = {};
    ids.boss = (await onboard.handle({ ...base, employeeNumber: 'M1', name: 'Boss', managerId: null, level: 'management' }, hr)).employeeId;
    for (const n of ['ana', 'ben', 'cy']) ids[n] = (await onboard.handle({ ...base, employeeNumber: n, name: n, managerId: ids.boss }, hr)).employeeId;
    // Dan works in another unit: 360 reviewers come from anywhere.
    ids.dan = (await onboard.handle({ ...base, businessUnitId: 'ops', employeeNumber: 'dan', name: 'dan', managerId: null }, hr)).employeeId;
    await new OpenAppraisalCycleHandler(store, clock).handle({ cycleId: 'C1', period: '2027', businessUnitId: 'sales' }, hr);
    await new EnrolCycleParticipantsHandler(store, clock, reads, { activeEmployeesIn: async () => ['boss', 'ana', 'ben', 'cy'].map((n) => ({ employeeId: ids[n], businessUnitId: 'sales' })) }).handle(
      { cycleId: 'C1' },
      hr,
    );
    await advance('execution');
  });

  it('lets the reviewee nominate and the manager approve a reviewer from another unit, and no one else', async () => {
    await expect(nominate('ana', 'dan', 'ben')).rejects.toThrow(OnlyRevieweeOrManagerNominates);
    expect(await nominate('ana', 'dan', 'ana')).toMatchObject({ appended: 1 });
    await expect(approve('ana', 'dan', 'ben')).rejects.toThrow(OnlyManagerOrHrApproves);
    await expect(approve('ana', 'cy', 'boss')).rejects.toThrow(NominationNotFound);
    expect(await approve('ana', 'dan', 'boss')).toMatchObject({ appended: 1 });
    expect(await approve('ana', 'dan', 'hr', hr)).toMatchObject({ appended: 0 });
    await advance('review');
    expect(await named('ana', 'dan')).toMatchObject({ appended: 1 });
  });

  it('refuses peer feedback from a reviewer nominated but not approved, and upward feedback from a non-report', async () => {
    await nominate('ana', 'dan', 'ana');
    await advance('review');
    await expect(named('ana', 'dan')).rejects.toThrow(ReviewerNotApproved);
    await expect(anonymous('ana', 'dan')).rejects.toThrow(ReviewerNotApproved);
    await expect(anonymous('ana', 'ben', { relation: 'upward' })).rejects.toThrow(UpwardFeedbackOnlyFromReports);
    expect(await anonymous('boss', 'ben', { relation: 'upward' })).toEqual({ held: true });
  });

  it('holds anonymous entries outside the log, one per reviewer and appraisal, and releases them with no trace of the request', async () => {
    await nominate('ana', 'ben', 'ana');
    await nominate('ana', 'cy', 'boss');
    await approve('ana', 'ben', 'boss');
    await approve('ana', 'cy', 'hr', hr);
    await advance('review');
    expect(await named('ana', 'ben')).toMatchObject({ appended: 1 });
    expect(await anonymous('ana', 'cy')).toEqual({ held: true });
    expect(await anonymous('ana', 'cy')).toEqual({ held: false });
    await expect(anonymous('ana', 'cy', { feedbackId: 'another' })).rejects.toThrow(FeedbackAlreadyGiven);
    await expect(anonymous('ana', 'ben', { feedbackId: 'after-named' })).rejects.toThrow(FeedbackAlreadyGiven);
    await expect(named('ana', 'cy', { feedbackId: 'named-after-anonymous' })).rejects.toThrow(FeedbackAlreadyGiven);
    expect(await anonymous('boss', 'ben', { relation: 'upward' })).toEqual({ held: true });

    // Nobody reads a held entry: not the reviewee, not HR.
    expect((await store.readStream(peerFeedbackStream('C1', ids.ana))).map((e) => e.data)).toEqual([expect.objectContaining({ reviewerId: ids.ben, anonymous: false })]);
    expect((await new AppraisalQueries(store, reads).appraisal('C1', ids.boss, 'full')).peerFeedback).toEqual([]);
    await expect(release().handle({ cycleId: 'C1' })).resolves.toEqual({ cycleId: 'C1', released: 0 });

    clock.advance(60_000);
    await advance('calibration');
    expect(holding.entries.size).toBe(0);
    expect(holding.keys.size).toBe(0);
    const released = [...(await store.readStream(peerFeedbackStream('C1', ids.ana))), ...(await store.readStream(peerFeedbackStream('C1', ids.boss)))].filter(
      (e) => (e.data as { anonymous: boolean }).anonymous,
    );
    expect(released).toHaveLength(2);
    for (const e of released) {
      expect(e.metadata).toMatchObject({ actor: ANONYMOUS_REVIEWER, causationId: null, traceparent: null });
      expect(e.metadata.correlationId).not.toBe(hr.correlationId);
      expect(e.occurredAt).toBe(clock.now().toISOString());
      expect(JSON.stringify(e)).not.toContain(ids.cy);
      expect(JSON.stringify(e)).not.toContain(ids.ben);
      expect(JSON.stringify(e)).not.toContain('"cy"');
    }
    expect(new Set(released.map((e) => e.metadata.correlationId)).size).toBe(2);
    const seenByAna = await new AppraisalQueries(store, reads).appraisal('C1', ids.ana, 'reviewee');
    expect(seenByAna.peerFeedback.map((f) => f.comment).sort()).toEqual(['ben on ana', 'cy on ana']);
    expect(JSON.stringify(seenByAna.peerFeedback)).not.toContain(ids.ben);
    // Review is over: nothing more is taken, and a repeated release files nothing twice.
    await expect(anonymous('ana', 'dan')).rejects.toThrow(WrongCycleStage);
    expect(await release().handle({ cycleId: 'C1' })).toEqual({ cycleId: 'C1', released: 0 });
  });

  it('keeps the entries held while the cycle is in review, whoever asks for a release', async () => {
    await advance('review');
    await anonymous('boss', 'ben', { relation: 'upward' });
    expect(await release().handle({ cycleId: 'C1' })).toEqual({ cycleId: 'C1', released: 0 });
    expect(holding.entries.size).toBe(1);
  });

  it('finishes a release that a crash interrupted without filing any entry twice', async () => {
    await advance('review');
    await anonymous('boss', 'ben', { relation: 'upward' });
    await anonymous('boss', 'cy', { relation: 'upward' });
    // The stage advance commits, then the process dies before the release runs.
    await new AdvanceAppraisalStageHandler(store, clock, reads).handle({ cycleId: 'C1', to: 'calibration' }, hr);
    expect(holding.entries.size).toBe(2);
    // The release appends, then dies before destroying the held rows.
    const failing = new ReleaseAnonymousFeedbackHandler(store, clock, {
      ...holding,
      cyclesHolding: () => holding.cyclesHolding(),
      sealing: (c, w) => holding.sealing(c, w),
      releasing: (c, w) => holding.releasing(c, (s) => w({ held: () => s.held(), destroy: () => Promise.reject(new Error('crash')) })),
    }, reads);
    await expect(failing.handle({ cycleId: 'C1' })).rejects.toThrow('crash');
    expect(await release().releaseDue()).toBe(0);
    expect(holding.entries.size).toBe(0);
    expect((await store.readStream(peerFeedbackStream('C1', ids.boss))).map((e) => e.data)).toHaveLength(2);
  });
});
