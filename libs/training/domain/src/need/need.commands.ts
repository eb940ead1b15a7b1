import type { Message } from '@tpm/kernel';
import type { NeedSource } from './need.events';

export type IdentifyNeed = Message<
  'IdentifyNeed',
  {
    /** Used only when this identification opens a need; an open need keeps its id. */
    needId: string;
    employeeId: string | null;
    businessUnitId: string;
    competency: string;
    currentLevel: number;
    requiredLevel: number;
    source: NeedSource;
    sourceRef: string | null;
    strategicWeight: number;
    at: string;
  }
>;
export type MeetNeed = Message<'MeetNeed', { by: 'assessment' | 'program'; ref: string | null; at: string }>;
export type ObsoleteNeed = Message<'ObsoleteNeed', { reason: string; at: string }>;

export type NeedCommand = IdentifyNeed | MeetNeed | ObsoleteNeed;
