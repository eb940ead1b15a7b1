import { assertNever, type Decider } from '@tpm/kernel';
import type { ProgramCommand } from './program.commands';
import { InvalidProgram, ProgramAlreadyDefined, ProgramNotFound } from './program.errors';
import type { ProgramDefinition, ProgramEvent } from './program.events';

export type Program = { status: 'new' } | (ProgramDefinition & { status: 'active'; version: number; reviewId: string | null });

const validate = (p: ProgramDefinition) => {
  if (!p.competencies.length) throw new InvalidProgram('A program addresses at least one competency');
  if (p.prerequisites.includes(p.programId)) throw new InvalidProgram('A program cannot require itself');
  const share = p.criteria.minAttendanceShare;
  if (!(share > 0 && share <= 1)) throw new InvalidProgram('minAttendanceShare must be in (0, 1]');
  // A course series with exam is defined by its exam: it cannot complete without a pass mark.
  if (p.method === 'course-series-with-exam' && p.criteria.minExamScore === null) throw new InvalidProgram('A course series with exam needs minExamScore');
};

const definitionOf = (s: Exclude<Program, { status: 'new' }>): ProgramDefinition => ({
  programId: s.programId,
  businessUnitId: s.businessUnitId,
  title: s.title,
  competencies: s.competencies,
  method: s.method,
  audienceLevel: s.audienceLevel,
  prerequisites: s.prerequisites,
  criteria: s.criteria,
});

const decide = (cmd: ProgramCommand, s: Program): ProgramEvent[] => {
  switch (cmd.type) {
    case 'DefineProgram': {
      const { at, ...definition } = cmd.data;
      if (s.status !== 'new') {
        if (JSON.stringify(definitionOf(s)) === JSON.stringify(definition)) return [];
        throw new ProgramAlreadyDefined(definition.programId);
      }
      validate(definition);
      return [{ type: 'TrainingProgramDefined', data: { ...definition, version: 1, at } }];
    }
    case 'ReviseProgram': {
      const { programId, changes, reviewId, at } = cmd.data;
      if (s.status === 'new') throw new ProgramNotFound(programId);
      // Only the fields given change: an absent (or undefined) field keeps its current value.
      // The owner is not a revision's to change: a revision that names one is ignored on that field.
      const given = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && k !== 'businessUnitId'));
      const next = { ...definitionOf(s), ...given, programId, businessUnitId: s.businessUnitId };
      validate(next);
      return [{ type: 'TrainingProgramRevised', data: { ...next, version: s.version + 1, reviewId, at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (_: Program, e: ProgramEvent): Program => {
  switch (e.type) {
    case 'TrainingProgramDefined': {
      const { at: _at, ...rest } = e.data;
      // v1 of the event had no owner: the organization's (upcast on read, history untouched).
      return { ...rest, businessUnitId: rest.businessUnitId ?? null, status: 'active', reviewId: null };
    }
    case 'TrainingProgramRevised': {
      const { at: _at, ...rest } = e.data;
      return { ...rest, businessUnitId: rest.businessUnitId ?? null, status: 'active' };
    }
    default:
      return assertNever(e);
  }
};

export const programDecider: Decider<ProgramCommand, ProgramEvent, Program> = { decide, evolve, initialState: (): Program => ({ status: 'new' }) };
