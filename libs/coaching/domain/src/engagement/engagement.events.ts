import type { Message } from '@tpm/kernel';
import type { CoachingStyle, StyleChange, StyleRecommendation } from '../style/coaching-style';

export type EngagementCadence = 'weekly' | 'biweekly' | 'monthly';
export type EngagementOutcome = 'goals-met' | 'partially-met' | 'not-met' | 'offboarded' | 'other';
/** The manager coaching their report, or a professional coach. */
export type CoachKind = 'manager' | 'coach';
/** What asked for a (re-)evaluation of the style. */
export type StyleTrigger = 'engagement-started' | 'appraisal-finalized' | 'training-completed' | 'difficulty' | 'session-held' | 'requested';

export interface EngagementSubject {
  engagementId: string;
  coacheeId: string;
  businessUnitId: string;
}

export type EngagementStarted = Message<
  'EngagementStarted',
  EngagementSubject & { coachId: string; coachKind: CoachKind; goals: string[]; cycleId: string | null; cadence: EngagementCadence; at: string }
>;
export type EngagementPaused = Message<'EngagementPaused', EngagementSubject & { at: string }>;
export type EngagementResumed = Message<'EngagementResumed', EngagementSubject & { at: string }>;
export type EngagementClosed = Message<'EngagementClosed', EngagementSubject & { outcome: EngagementOutcome; at: string }>;
/** The coachee moved to another unit: the engagement's scope follows them. */
export type EngagementMoved = Message<'EngagementMoved', EngagementSubject & { fromBusinessUnitId: string; at: string }>;
export type CoachingStyleRecommended = Message<
  'CoachingStyleRecommended',
  EngagementSubject & {
    recommendation: StyleRecommendation;
    trigger: StyleTrigger;
    /** The event or request that triggered it (an appraisal id, a session id), for provenance. */
    triggerRef: string | null;
    changes: StyleChange[];
    /** A new appraisal ends a coach's override: the evidence it overrode is gone. */
    overrideEnded: boolean;
    at: string;
  }
>;
export type CoachingStyleOverridden = Message<'CoachingStyleOverridden', EngagementSubject & { style: CoachingStyle; recommended: CoachingStyle | null; reason: string; by: string; at: string }>;

export type EngagementEvent =
  | EngagementStarted
  | EngagementPaused
  | EngagementResumed
  | EngagementClosed
  | EngagementMoved
  | CoachingStyleRecommended
  | CoachingStyleOverridden;
