import { assertNever, type Decider } from '@tpm/kernel';
import { sameRecommendation, styleChanges, type CoachingStyle, type StyleRecommendation } from '../style/coaching-style';
import type { EngagementCommand } from './engagement.commands';
import {
  CoachIsCoachee,
  EngagementAlreadyExists,
  EngagementClosedAlready,
  EngagementNotActive,
  EngagementNotPaused,
  StyleOverrideReasonRequired,
} from './engagement.errors';
import type { CoachKind, EngagementCadence, EngagementEvent, EngagementOutcome, EngagementSubject } from './engagement.events';

export type Engagement =
  | { status: 'none' }
  | (EngagementSubject & {
      status: 'active' | 'paused' | 'closed';
      coachId: string;
      coachKind: CoachKind;
      goals: string[];
      cycleId: string | null;
      cadence: EngagementCadence;
      startedAt: string;
      recommendation: StyleRecommendation | null;
      override: { style: CoachingStyle; reason: string; by: string; at: string } | null;
      outcome: EngagementOutcome | null;
    });

type Live = Exclude<Engagement, { status: 'none' }>;
const subjectOf = (s: Live): EngagementSubject => ({ engagementId: s.engagementId, coacheeId: s.coacheeId, businessUnitId: s.businessUnitId });

/** The style in force: the coach's override while it stands, else the recommendation. */
export const styleInForce = (s: Engagement): { style: CoachingStyle; source: 'override' | 'recommendation' } | null => {
  if (s.status === 'none') return null;
  if (s.override) return { style: s.override.style, source: 'override' };
  return s.recommendation ? { style: s.recommendation.style, source: 'recommendation' } : null;
};

const decide = (cmd: EngagementCommand, s: Engagement): EngagementEvent[] => {
  switch (cmd.type) {
    case 'StartEngagement': {
      const d = cmd.data;
      if (d.coachId === d.coacheeId) throw new CoachIsCoachee();
      if (s.status !== 'none') {
        // A retried request names the same engagement with the same terms: nothing new.
        if (s.coachId === d.coachId && s.coacheeId === d.coacheeId && s.cadence === d.cadence) return [];
        throw new EngagementAlreadyExists(d.engagementId);
      }
      return [{ type: 'EngagementStarted', data: { ...d } }];
    }
    case 'PauseEngagement':
      if (s.status === 'none') throw new EngagementNotActive('unknown');
      if (s.status === 'paused') return [];
      if (s.status !== 'active') throw new EngagementNotActive(s.status);
      return [{ type: 'EngagementPaused', data: { ...subjectOf(s), at: cmd.data.at } }];
    case 'ResumeEngagement':
      if (s.status === 'none') throw new EngagementNotPaused('unknown');
      if (s.status === 'active') return [];
      if (s.status !== 'paused') throw new EngagementNotPaused(s.status);
      return [{ type: 'EngagementResumed', data: { ...subjectOf(s), at: cmd.data.at } }];
    case 'CloseEngagement':
      if (s.status === 'none') throw new EngagementNotActive('unknown');
      if (s.status === 'closed') return [];
      return [{ type: 'EngagementClosed', data: { ...subjectOf(s), outcome: cmd.data.outcome, at: cmd.data.at } }];
    case 'MoveEngagement':
      if (s.status === 'none' || s.status === 'closed' || s.businessUnitId === cmd.data.toBusinessUnitId) return [];
      return [{ type: 'EngagementMoved', data: { ...subjectOf(s), businessUnitId: cmd.data.toBusinessUnitId, fromBusinessUnitId: s.businessUnitId, at: cmd.data.at } }];
    case 'RecommendStyle': {
      // Reactions re-evaluate on every piece of evidence: a closed engagement, or the same evidence again, says nothing.
      if (s.status === 'none' || s.status === 'closed') return [];
      const { recommendation, trigger, triggerRef, at } = cmd.data;
      if (sameRecommendation(s.recommendation, recommendation)) return [];
      const overrideEnded = s.override !== null && trigger === 'appraisal-finalized';
      return [{ type: 'CoachingStyleRecommended', data: { ...subjectOf(s), recommendation, trigger, triggerRef, changes: styleChanges(s.recommendation, recommendation), overrideEnded, at } }];
    }
    case 'OverrideStyle': {
      if (s.status === 'none') throw new EngagementNotActive('unknown');
      if (s.status === 'closed') throw new EngagementClosedAlready();
      if (!cmd.data.reason.trim()) throw new StyleOverrideReasonRequired();
      if (s.override?.style === cmd.data.style && s.override.reason === cmd.data.reason) return [];
      return [{ type: 'CoachingStyleOverridden', data: { ...subjectOf(s), style: cmd.data.style, recommended: s.recommendation?.style ?? null, reason: cmd.data.reason, by: cmd.data.by, at: cmd.data.at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Engagement, e: EngagementEvent): Engagement => {
  if (e.type === 'EngagementStarted') {
    const { at, ...d } = e.data;
    return { ...d, status: 'active', startedAt: at, recommendation: null, override: null, outcome: null };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'EngagementPaused':
      return { ...s, status: 'paused' };
    case 'EngagementResumed':
      return { ...s, status: 'active' };
    case 'EngagementClosed':
      return { ...s, status: 'closed', outcome: e.data.outcome };
    case 'EngagementMoved':
      return { ...s, businessUnitId: e.data.businessUnitId };
    case 'CoachingStyleRecommended':
      return { ...s, recommendation: e.data.recommendation, override: e.data.overrideEnded ? null : s.override };
    case 'CoachingStyleOverridden':
      return { ...s, override: { style: e.data.style, reason: e.data.reason, by: e.data.by, at: e.data.at } };
    default:
      return assertNever(e);
  }
};

export const engagementDecider: Decider<EngagementCommand, EngagementEvent, Engagement> = { decide, evolve, initialState: (): Engagement => ({ status: 'none' }) };
