import { deciderSpec } from '@tpm/kernel/testing';
import type { ReportDifficulty } from './difficulty.commands';
import { difficultyDecider } from './difficulty.decider';
import { DifficultyResolvedAlready, NotAnObstacle, ObstacleNeedsRequest, SkillGapNeedsLevels } from './difficulty.errors';
import type { DifficultyEvent } from './difficulty.events';

const given = deciderSpec(difficultyDecider);
const at = '2027-03-02T09:00:00.000Z';
const subject = { difficultyId: 'd1', engagementId: 'e1', sessionId: 's1', employeeId: 'ana', businessUnitId: 'sales' };
const gap: ReportDifficulty['data'] = { ...subject, kind: 'skill-gap', competency: 'Negotiation', currentLevel: 1, requiredLevel: 3, description: 'freezes', request: null, reportedBy: 'mia', at };
const obstacle: ReportDifficulty['data'] = { ...subject, kind: 'external-obstacle', competency: null, currentLevel: null, requiredLevel: null, description: 'no licence', request: { need: 'resources', assigneeId: 'it', dueOn: '2027-03-20' }, reportedBy: 'mia', at };
const reported = (d: ReportDifficulty['data']): DifficultyEvent => ({ type: 'DifficultyReported', data: d });

describe('ReportDifficulty', () => {
  it('reports a skill gap with its competency and levels', () => given([]).when({ type: 'ReportDifficulty', data: gap }).then([reported(gap)]));
  it('refuses a skill gap without a higher required level', () => given([]).when({ type: 'ReportDifficulty', data: { ...gap, requiredLevel: 1 } }).thenThrows(SkillGapNeedsLevels));
  it('turns an external obstacle into a request for authority or resources', () => given([]).when({ type: 'ReportDifficulty', data: obstacle }).then([reported(obstacle)]));
  it('refuses an external obstacle without a request', () => given([]).when({ type: 'ReportDifficulty', data: { ...obstacle, request: null } }).thenThrows(ObstacleNeedsRequest));
  it('says nothing when reported again', () => given([reported(gap)]).when({ type: 'ReportDifficulty', data: gap }).then([]));
});

describe('the request, tracked to resolution', () => {
  it('reassigns the request', () =>
    given([reported(obstacle)]).when({ type: 'AssignObstacleRequest', data: { assigneeId: 'ops', at } }).then([{ type: 'ObstacleRequestAssigned', data: { ...subject, assigneeId: 'ops', fromAssigneeId: 'it', at } }]));
  it('refuses to assign a skill gap', () => given([reported(gap)]).when({ type: 'AssignObstacleRequest', data: { assigneeId: 'ops', at } }).thenThrows(NotAnObstacle));
  it('resolves once', () => {
    const resolved: DifficultyEvent = { type: 'DifficultyResolved', data: { ...subject, resolution: 'granted', by: 'ops', at } };
    given([reported(obstacle)]).when({ type: 'ResolveDifficulty', data: { resolution: 'granted', by: 'ops', at } }).then([resolved]);
    given([reported(obstacle), resolved]).when({ type: 'ResolveDifficulty', data: { resolution: 'again', by: 'ops', at } }).then([]);
    given([reported(obstacle), resolved]).when({ type: 'AssignObstacleRequest', data: { assigneeId: 'x', at } }).thenThrows(DifficultyResolvedAlready);
  });
});
