import type { Message } from '@tpm/kernel';
import type { CoachingStyle, StyleRecommendation } from '../style/coaching-style';
import type { CoachKind, EngagementCadence, EngagementOutcome, StyleTrigger } from './engagement.events';

export type StartEngagement = Message<
  'StartEngagement',
  { engagementId: string; coachId: string; coachKind: CoachKind; coacheeId: string; businessUnitId: string; goals: string[]; cycleId: string | null; cadence: EngagementCadence; at: string }
>;
export type PauseEngagement = Message<'PauseEngagement', { at: string }>;
export type ResumeEngagement = Message<'ResumeEngagement', { at: string }>;
export type CloseEngagement = Message<'CloseEngagement', { outcome: EngagementOutcome; at: string }>;
export type MoveEngagement = Message<'MoveEngagement', { toBusinessUnitId: string; at: string }>;
export type RecommendStyle = Message<'RecommendStyle', { recommendation: StyleRecommendation; trigger: StyleTrigger; triggerRef: string | null; at: string }>;
export type OverrideStyle = Message<'OverrideStyle', { style: CoachingStyle; reason: string; by: string; at: string }>;

export type EngagementCommand = StartEngagement | PauseEngagement | ResumeEngagement | CloseEngagement | MoveEngagement | RecommendStyle | OverrideStyle;
