import { deciderSpec } from '@tpm/kernel/testing';
import type { ProgramCommand } from './program.commands';
import { programDecider } from './program.decider';
import { InvalidProgram, ProgramAlreadyDefined, ProgramNotFound } from './program.errors';
import type { ProgramDefinition, ProgramEvent } from './program.events';
import { prerequisiteCycle } from './program.prerequisites';

const given = deciderSpec(programDecider);
const at = '2027-01-05T00:00:00.000Z';
const def = (changes: Partial<ProgramDefinition> = {}): ProgramDefinition => ({
  programId: 'p1',
  businessUnitId: 'BU-7',
  title: 'Negotiation',
  competencies: ['negotiation'],
  method: 'workshop',
  audienceLevel: 'staff',
  prerequisites: [],
  criteria: { minAttendanceShare: 0.8, minExamScore: null },
  ...changes,
});
const define = (changes: Partial<ProgramDefinition> = {}): ProgramCommand => ({ type: 'DefineProgram', data: { ...def(changes), at } });
const defined = (): ProgramEvent => ({ type: 'TrainingProgramDefined', data: { ...def(), version: 1, at } });

describe('DefineProgram', () => {
  it('defines version 1 with its method, audience level and competencies', () => given([]).when(define()).then([defined()]));
  it('says nothing when the same program is defined again', () => given([defined()]).when(define()).then([]));
  it('refuses to redefine a program differently', () => given([defined()]).when(define({ title: 'Other' })).thenThrows(ProgramAlreadyDefined));
  it('refuses a program without competencies', () => given([]).when(define({ competencies: [] })).thenThrows(InvalidProgram));
  it('refuses a program that requires itself', () => given([]).when(define({ prerequisites: ['p1'] })).thenThrows(InvalidProgram));
  it('refuses a course series with exam without a pass mark', () =>
    given([]).when(define({ method: 'course-series-with-exam' })).thenThrows(InvalidProgram));
});

describe('ReviseProgram', () => {
  it('creates the next version linked to the review that asked for it', () =>
    given([defined()])
      .when({ type: 'ReviseProgram', data: { programId: 'p1', changes: { method: 'role-play' }, reviewId: 'r1', at } })
      .then([{ type: 'TrainingProgramRevised', data: { ...def({ method: 'role-play' }), version: 2, reviewId: 'r1', at } }]));
  it('keeps the fields a revision leaves undefined', () =>
    given([defined()])
      .when({ type: 'ReviseProgram', data: { programId: 'p1', changes: { title: undefined, method: 'seminar' }, reviewId: null, at } })
      .then([{ type: 'TrainingProgramRevised', data: { ...def({ method: 'seminar' }), version: 2, reviewId: null, at } }]));
  it('refuses to revise a program that does not exist', () =>
    given([]).when({ type: 'ReviseProgram', data: { programId: 'p1', changes: {}, reviewId: null, at } }).thenThrows(ProgramNotFound));
});

describe('owning unit', () => {
  it('records the unit that owns the program', () =>
    given([]).when(define({ businessUnitId: 'BU-9' })).then([{ type: 'TrainingProgramDefined', data: { ...def({ businessUnitId: 'BU-9' }), version: 1, at } }]));
  it('refuses to redefine a program under another owner', () => given([defined()]).when(define({ businessUnitId: 'BU-9' })).thenThrows(ProgramAlreadyDefined));
  it('keeps the owner through a revision', () =>
    given([defined()])
      .when({ type: 'ReviseProgram', data: { programId: 'p1', changes: { businessUnitId: 'BU-9', title: 'T2' } as never, reviewId: null, at } })
      .then([{ type: 'TrainingProgramRevised', data: { ...def({ title: 'T2' }), version: 2, reviewId: null, at } }]));
  it('reads a program stored before owning units as the organization\'s', () => {
    const { businessUnitId: _none, ...old } = def();
    const state = programDecider.evolve(programDecider.initialState(), { type: 'TrainingProgramDefined', data: { ...old, version: 1, at } } as ProgramEvent);
    expect(state).toMatchObject({ status: 'active', businessUnitId: null });
  });
});

describe('prerequisiteCycle', () => {
  const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: [] };
  it('finds the path by which a program would require itself', () => expect(prerequisiteCycle('c', ['a'], (id) => graph[id] ?? [])).toEqual(['c', 'a', 'b', 'c']));
  it('finds none in a chain', () => expect(prerequisiteCycle('d', ['a'], (id) => graph[id] ?? [])).toBeNull());
});
