import { Inject, Injectable } from '@nestjs/common';
import { forbidden } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { difficultyStream, engagementStream, improvementPlanStream, monthlyReviewStream, privateNoteStream, sessionStream } from '@tpm/coaching-application';
import {
  COACHING_QUESTION_TEXT,
  difficultyDecider,
  DifficultyNotFound,
  engagementDecider,
  EngagementNotFound,
  improvementPlanDecider,
  ImprovementPlanNotFound,
  monthlyReviewDecider,
  MonthlyReviewNotFound,
  privateNoteDecider,
  PrivateNoteNotFound,
  sessionDecider,
  SessionNotFound,
  styleInForce,
} from '@tpm/coaching-domain';
import { EVENT_STORE } from '@tpm/service-kit';
import { CoacheeAccess } from './scope/coachee-access';
import { engagementUnitOf } from './scope/coaching-units.resolver';

/**
 * One aggregate as of an instant (`?asOf=`), folded from its own stream: the one place its
 * personal text is (the store opens it per person). The coachee sees their own; others need scope.
 */
@Injectable()
export class CoachingViews {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: CoacheeAccess,
  ) {}

  async engagement(engagementId: string, caller: Actor, asOf?: string) {
    const { state, version } = await this.store.aggregate(engagementStream(engagementId), engagementDecider, { asOf });
    if (state.status === 'none') throw new EngagementNotFound(engagementId);
    await this.access.assert(caller, { businessUnitId: state.businessUnitId, personId: state.coacheeId }, 'read');
    return { ...state, styleInForce: styleInForce(state), streamVersion: version, asOf: asOf ?? null };
  }

  async session(sessionId: string, caller: Actor, asOf?: string) {
    const { state, version } = await this.store.aggregate(sessionStream(sessionId), sessionDecider, { asOf });
    if (state.status === 'none') throw new SessionNotFound(sessionId);
    await this.access.assert(caller, { businessUnitId: await this.unitNow(state), personId: state.coacheeId }, 'read');
    return { ...state, questions: COACHING_QUESTION_TEXT, streamVersion: version, asOf: asOf ?? null };
  }

  async difficulty(difficultyId: string, caller: Actor, asOf?: string) {
    const { state, version } = await this.store.aggregate(difficultyStream(difficultyId), difficultyDecider, { asOf });
    if (state.status === 'none') throw new DifficultyNotFound(difficultyId);
    // The person a request is assigned to follows it up, whatever their unit.
    if (!(state.request && caller.employeeId === state.request.assigneeId)) await this.access.assert(caller, { businessUnitId: await this.unitNow(state), personId: state.employeeId }, 'read');
    return { ...state, streamVersion: version, asOf: asOf ?? null };
  }

  /** Its text to its author only; everyone else in scope (HR, auditors, admins) sees that it exists, and when. */
  async privateNote(noteId: string, caller: Actor, asOf?: string) {
    const { state, version } = await this.store.aggregate(privateNoteStream(noteId), privateNoteDecider, { asOf });
    if (state.status === 'none') throw new PrivateNoteNotFound(noteId);
    const { text, ...meta } = state;
    return caller.subject === state.authorId ? { ...meta, text, streamVersion: version, asOf: asOf ?? null } : { ...meta, text: null, textVisibleTo: 'author', streamVersion: version, asOf: asOf ?? null };
  }

  async assertNoteAuthor(noteId: string, caller: Actor) {
    const { state } = await this.store.aggregate(privateNoteStream(noteId), privateNoteDecider);
    if (state.status === 'none') throw new PrivateNoteNotFound(noteId);
    if (state.authorId !== caller.subject) throw forbidden('PRIVATE_NOTE_AUTHOR_ONLY', 'Only the author of a private note may change it');
  }

  async monthlyReview(reviewId: string, caller: Actor, asOf?: string) {
    const { state, version } = await this.store.aggregate(monthlyReviewStream(reviewId), monthlyReviewDecider, { asOf });
    if (state.status === 'none') throw new MonthlyReviewNotFound(reviewId);
    const person = state.subject.kind === 'employee' ? state.subject.employeeId : state.reviewerId;
    await this.access.assert(caller, { businessUnitId: state.businessUnitId, personId: person }, 'read');
    return { ...state, streamVersion: version, asOf: asOf ?? null };
  }

  async improvementPlan(planId: string, caller: Actor, asOf?: string) {
    const { state, version } = await this.store.aggregate(improvementPlanStream(planId), improvementPlanDecider, { asOf });
    if (state.status === 'none') throw new ImprovementPlanNotFound(planId);
    await this.access.assert(caller, { businessUnitId: state.businessUnitId, personId: state.employeeId }, 'read');
    return { ...state, streamVersion: version, asOf: asOf ?? null };
  }

  /** A record of an engagement is in the engagement's unit now (moved with the coachee), whatever unit it was written in. */
  private async unitNow(record: { engagementId: string; businessUnitId: string }): Promise<string> {
    return (await engagementUnitOf(this.store, record.engagementId)) ?? record.businessUnitId;
  }

  /** A write open to the coachee (their agenda, their acknowledgement): theirs, or in the caller's scope. */
  async assertCoacheeOrScope(kind: 'session' | 'plan' | 'action-item', id: string, caller: Actor, ownerId?: string) {
    if (kind === 'plan') {
      const { state } = await this.store.aggregate(improvementPlanStream(id), improvementPlanDecider);
      if (state.status === 'none') throw new ImprovementPlanNotFound(id);
      return this.access.assert(caller, { businessUnitId: state.businessUnitId, personId: state.employeeId }, 'write');
    }
    const { state } = await this.store.aggregate(sessionStream(id), sessionDecider);
    if (state.status === 'none') throw new SessionNotFound(id);
    const owner = kind === 'action-item' ? state.actionItems.find((a) => a.actionItemId === ownerId)?.ownerId : undefined;
    if (owner && caller.employeeId === owner) return;
    return this.access.assert(caller, { businessUnitId: await this.unitNow(state), personId: state.coacheeId }, 'write');
  }
}
