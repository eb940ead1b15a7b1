import { deciderSpec } from '@tpm/kernel/testing';
import type { IdentifyNeed, NeedCommand } from './need.commands';
import { needDecider } from './need.decider';
import { InvalidCompetencyLevel, NeedHasNoGap, NeedNotOpen } from './need.errors';
import type { NeedEvent } from './need.events';
import { competencyKey } from './need.identity';
import { needPriority, UnknownPriorityVersion } from './need.priority';

const given = deciderSpec(needDecider);
const at = '2027-02-01T00:00:00.000Z';
const subject = { needId: 'n1', employeeId: 'ana', businessUnitId: 'sales', competency: 'Negotiation' };
const identify = (changes: Partial<IdentifyNeed['data']> = {}): NeedCommand => ({
  type: 'IdentifyNeed',
  data: { ...subject, currentLevel: 2, requiredLevel: 4, source: 'appraisal', sourceRef: 'apr-1', strategicWeight: 1.5, at, ...changes },
});
const assessment = (currentLevel = 2, requiredLevel = 4, strategicWeight = 1.5, source: 'appraisal' | 'coaching' = 'appraisal', sourceRef = 'apr-1') => ({
  currentLevel,
  requiredLevel,
  gap: requiredLevel - currentLevel,
  source,
  sourceRef,
  strategicWeight,
  priority: needPriority(requiredLevel - currentLevel, strategicWeight),
  priorityVersion: 1,
});
const identified = (): NeedEvent => ({ type: 'TrainingNeedIdentified', data: { ...subject, ...assessment(), at } });
const met = (by: 'assessment' | 'program', ref: string | null): NeedEvent => ({ type: 'TrainingNeedMet', data: { ...subject, by, ref, at } });

describe('IdentifyNeed', () => {
  it('identifies a need with its gap and priority', () => given([]).when(identify()).then([identified()]));
  it('deduplicates: the same gap for the same employee and competency says nothing new', () =>
    given([identified()]).when(identify({ needId: 'n2' })).then([]));
  it('reassesses an open need when a later source reports another gap, keeping its id', () =>
    given([identified()])
      .when(identify({ needId: 'n2', currentLevel: 1, source: 'coaching', sourceRef: 'd-1' }))
      .then([{ type: 'TrainingNeedReassessed', data: { ...subject, ...assessment(1, 4, 1.5, 'coaching', 'd-1'), at } }]));
  it('closes an open need as met when a later assessment finds the level reached', () =>
    given([identified()]).when(identify({ currentLevel: 4, sourceRef: 'apr-2' })).then([met('assessment', 'apr-2')]));
  it('refuses to open a need without a gap', () => given([]).when(identify({ currentLevel: 4 })).thenThrows(NeedHasNoGap));
  it('opens a new need after an earlier one was met', () =>
    given([identified(), met('program', 's1')])
      .when(identify({ needId: 'n2' }))
      .then([{ type: 'TrainingNeedIdentified', data: { ...subject, needId: 'n2', ...assessment(), at } }]));
  it('refuses levels outside the 0-5 scale', () => given([]).when(identify({ requiredLevel: 7 })).thenThrows(InvalidCompetencyLevel));
});

describe('MeetNeed and ObsoleteNeed', () => {
  it('closes an open need as met by a completed program', () =>
    given([identified()]).when({ type: 'MeetNeed', data: { by: 'program', ref: 's1', at } }).then([met('program', 's1')]));
  it('says nothing when a met need is met again', () =>
    given([identified(), met('program', 's1')]).when({ type: 'MeetNeed', data: { by: 'program', ref: 's2', at } }).then([]));
  it('closes an open need as obsolete', () =>
    given([identified()])
      .when({ type: 'ObsoleteNeed', data: { reason: 'role changed', at } })
      .then([{ type: 'TrainingNeedObsoleted', data: { ...subject, reason: 'role changed', at } }]));
  it('refuses to obsolete a need that was never identified', () =>
    given([]).when({ type: 'ObsoleteNeed', data: { reason: 'x', at } }).thenThrows(NeedNotOpen));
});

describe('needPriority', () => {
  it('v1 is gap × strategic weight, rounded to cents', () => expect(needPriority(3, 1.25)).toBe(3.75));
  it('ranks a large gap on a neutral competency above a small one on a doubled competency', () =>
    expect(needPriority(3, 1)).toBeGreaterThan(needPriority(1, 2)));
  it('refuses a formula version that does not exist', () => expect(() => needPriority(1, 1, 9)).toThrow(UnknownPriorityVersion));
});

describe('competencyKey', () => {
  it('makes spellings of one competency one key', () => expect(competencyKey(' Project  Management ')).toBe(competencyKey('project-management')));
});
