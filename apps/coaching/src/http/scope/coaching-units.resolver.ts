import { Inject, Injectable } from '@nestjs/common';
import { body, param, Scope, type InputSource, type RecordUnitResolver, type ScopeMode } from '@tpm/auth';
import type { Role } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { difficultyStream, engagementStream, improvementPlanStream, monthlyReviewStream, privateNoteStream, sessionStream } from '@tpm/coaching-application';
import {
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
} from '@tpm/coaching-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/** Every coaching record belongs to the unit its stream says (the coachee's, moved on transfer). */
const unitResolver = <S extends { status: string }>(stream: (id: string) => string, decider: { evolve: (s: S, e: never) => S; initialState: () => S }, notFound: (id: string) => Error) => {
  @Injectable()
  class Resolver implements RecordUnitResolver {
    constructor(@Inject(EVENT_STORE) readonly store: EventStore) {}
    async unitOf(id: string): Promise<string> {
      const { state } = await this.store.aggregate(stream(id), decider as never);
      const s = state as S & { businessUnitId?: string };
      if (s.status === 'none' || !s.businessUnitId) throw notFound(id);
      return s.businessUnitId;
    }
  }
  return Resolver;
};

/** The engagement's unit now: it moves with the coachee, and what belongs to the engagement follows it. */
export const engagementUnitOf = async (store: EventStore, engagementId: string): Promise<string | null> => {
  const { state } = await store.aggregate(engagementStream(engagementId), engagementDecider);
  return state.status === 'none' ? null : state.businessUnitId;
};

/** A session, difficulty or note belongs to its engagement's current unit (transfer moves the scope). */
const engagementRecordResolver = <S extends { status: string }>(stream: (id: string) => string, decider: { evolve: (s: S, e: never) => S; initialState: () => S }, notFound: (id: string) => Error) => {
  @Injectable()
  class Resolver implements RecordUnitResolver {
    constructor(@Inject(EVENT_STORE) readonly store: EventStore) {}
    async unitOf(id: string): Promise<string> {
      const { state } = await this.store.aggregate(stream(id), decider as never);
      const s = state as S & { engagementId?: string; businessUnitId?: string };
      if (s.status === 'none' || !s.engagementId) throw notFound(id);
      return (await engagementUnitOf(this.store, s.engagementId)) ?? (s.businessUnitId as string);
    }
  }
  return Resolver;
};

export class EngagementUnit extends unitResolver(engagementStream, engagementDecider, (id) => new EngagementNotFound(id)) {}
export class SessionUnit extends engagementRecordResolver(sessionStream, sessionDecider, (id) => new SessionNotFound(id)) {}
export class DifficultyUnit extends engagementRecordResolver(difficultyStream, difficultyDecider, (id) => new DifficultyNotFound(id)) {}
export class NoteUnit extends engagementRecordResolver(privateNoteStream, privateNoteDecider, (id) => new PrivateNoteNotFound(id)) {}
export class ReviewUnit extends unitResolver(monthlyReviewStream, monthlyReviewDecider, (id) => new MonthlyReviewNotFound(id)) {}
export class PlanUnit extends unitResolver(improvementPlanStream, improvementPlanDecider, (id) => new ImprovementPlanNotFound(id)) {}

export const COACHING_UNIT_RESOLVERS = [EngagementUnit, SessionUnit, DifficultyUnit, NoteUnit, ReviewUnit, PlanUnit];

/**
 * `own-work`: coaches hold read scope only, so coach-run routes ask read scope of them and write
 * scope of managers and HR. `unlessRole: 'employee'`: the coachee reaches their own record; the
 * controller then checks it is theirs (CoacheeAccess).
 */
export const engagementScope = (mode: ScopeMode, unlessRole?: Role, from: InputSource = param('engagementId')) => Scope.record(EngagementUnit, from, mode, { unlessRole });
export const engagementInBody = (mode: ScopeMode) => Scope.record(EngagementUnit, body('engagementId'), mode);
export const sessionScope = (mode: ScopeMode, unlessRole?: Role) => Scope.record(SessionUnit, param('sessionId'), mode, { unlessRole });
export const difficultyScope = (mode: ScopeMode, unlessRole?: Role) => Scope.record(DifficultyUnit, param('difficultyId'), mode, { unlessRole });
export const noteScope = (mode: ScopeMode) => Scope.record(NoteUnit, param('noteId'), mode);
export const reviewScope = (mode: ScopeMode, unlessRole?: Role) => Scope.record(ReviewUnit, param('reviewId'), mode, { unlessRole });
export const planScope = (mode: ScopeMode, unlessRole?: Role) => Scope.record(PlanUnit, param('planId'), mode, { unlessRole });
