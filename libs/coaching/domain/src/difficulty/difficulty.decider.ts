import { assertNever, type Decider } from '@tpm/kernel';
import type { DifficultyCommand } from './difficulty.commands';
import { DifficultyNotFound, DifficultyResolvedAlready, NotAnObstacle, ObstacleNeedsRequest, SkillGapNeedsLevels } from './difficulty.errors';
import type { DifficultyEvent, DifficultyReported, DifficultySubject } from './difficulty.events';

export type Difficulty =
  | { status: 'none' }
  | (Omit<DifficultyReported['data'], 'at'> & { status: 'open' | 'resolved'; reportedAt: string; resolvedAt: string | null; resolution: string | null });

const subjectOf = (s: DifficultySubject): DifficultySubject => ({ difficultyId: s.difficultyId, engagementId: s.engagementId, sessionId: s.sessionId, employeeId: s.employeeId, businessUnitId: s.businessUnitId });
const inScale = (n: number | null): n is number => n !== null && n >= 0 && n <= 5;

const decide = (cmd: DifficultyCommand, s: Difficulty): DifficultyEvent[] => {
  switch (cmd.type) {
    case 'ReportDifficulty': {
      if (s.status !== 'none') return [];
      const d = cmd.data;
      if (d.kind === 'skill-gap') {
        if (!d.competency?.trim() || !inScale(d.currentLevel) || !inScale(d.requiredLevel) || d.requiredLevel <= d.currentLevel) throw new SkillGapNeedsLevels();
        return [{ type: 'DifficultyReported', data: { ...d, request: null } }];
      }
      if (!d.request) throw new ObstacleNeedsRequest();
      return [{ type: 'DifficultyReported', data: { ...d, competency: null, currentLevel: null, requiredLevel: null } }];
    }
    case 'AssignObstacleRequest': {
      if (s.status === 'none') throw new DifficultyNotFound('unknown');
      if (s.kind !== 'external-obstacle' || !s.request) throw new NotAnObstacle();
      if (s.status === 'resolved') throw new DifficultyResolvedAlready();
      if (s.request.assigneeId === cmd.data.assigneeId) return [];
      return [{ type: 'ObstacleRequestAssigned', data: { ...subjectOf(s), assigneeId: cmd.data.assigneeId, fromAssigneeId: s.request.assigneeId, at: cmd.data.at } }];
    }
    case 'ResolveDifficulty':
      if (s.status === 'none') throw new DifficultyNotFound('unknown');
      if (s.status === 'resolved') return [];
      return [{ type: 'DifficultyResolved', data: { ...subjectOf(s), ...cmd.data } }];
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Difficulty, e: DifficultyEvent): Difficulty => {
  switch (e.type) {
    case 'DifficultyReported': {
      const { at, ...d } = e.data;
      return { ...d, status: 'open', reportedAt: at, resolvedAt: null, resolution: null };
    }
    case 'ObstacleRequestAssigned':
      return s.status === 'none' || !s.request ? s : { ...s, request: { ...s.request, assigneeId: e.data.assigneeId } };
    case 'DifficultyResolved':
      return s.status === 'none' ? s : { ...s, status: 'resolved', resolvedAt: e.data.at, resolution: e.data.resolution };
    default:
      return assertNever(e);
  }
};

export const difficultyDecider: Decider<DifficultyCommand, DifficultyEvent, Difficulty> = { decide, evolve, initialState: (): Difficulty => ({ status: 'none' }) };
