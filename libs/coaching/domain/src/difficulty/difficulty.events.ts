import type { Message } from '@tpm/kernel';

export type DifficultyKind = 'skill-gap' | 'external-obstacle';
/** What an external obstacle asks for: the authority to act, or resources (budget, tools, people). */
export type ObstacleNeed = 'authority' | 'resources';

export interface DifficultySubject {
  difficultyId: string;
  engagementId: string;
  sessionId: string | null;
  employeeId: string;
  businessUnitId: string;
}

export type DifficultyReported = Message<
  'DifficultyReported',
  DifficultySubject & {
    kind: DifficultyKind;
    competency: string | null;
    currentLevel: number | null;
    requiredLevel: number | null;
    description: string;
    /** For an external obstacle: the request for authority or resources, whom it is assigned to, by when. */
    request: { need: ObstacleNeed; assigneeId: string; dueOn: string } | null;
    reportedBy: string;
    at: string;
  }
>;
export type ObstacleRequestAssigned = Message<'ObstacleRequestAssigned', DifficultySubject & { assigneeId: string; fromAssigneeId: string; at: string }>;
export type DifficultyResolved = Message<'DifficultyResolved', DifficultySubject & { resolution: string; by: string; at: string }>;

export type DifficultyEvent = DifficultyReported | ObstacleRequestAssigned | DifficultyResolved;
