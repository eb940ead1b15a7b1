import { assertNever, type Decider } from '@tpm/kernel';
import type { IdentifyNeed, NeedCommand } from './need.commands';
import { InvalidCompetencyLevel, NeedHasNoGap, NeedNotOpen } from './need.errors';
import type { NeedAssessment, NeedEvent, NeedSubject } from './need.events';
import { CURRENT_PRIORITY_VERSION, needPriority } from './need.priority';

/** One stream per employee (or unit) and competency, so a need is never identified twice. */
export type Need =
  | { status: 'none' }
  | ({ status: 'open' | 'met' | 'obsolete' } & NeedSubject & NeedAssessment);

const assess = (d: IdentifyNeed['data']): NeedAssessment => {
  const gap = d.requiredLevel - d.currentLevel;
  return {
    currentLevel: d.currentLevel,
    requiredLevel: d.requiredLevel,
    gap,
    source: d.source,
    sourceRef: d.sourceRef,
    strategicWeight: d.strategicWeight,
    priority: needPriority(gap, d.strategicWeight),
    priorityVersion: CURRENT_PRIORITY_VERSION,
  };
};

const sameAssessment = (a: NeedAssessment, b: NeedAssessment) =>
  a.currentLevel === b.currentLevel && a.requiredLevel === b.requiredLevel && a.strategicWeight === b.strategicWeight && a.source === b.source;

const subjectOf = (s: NeedSubject): NeedSubject => ({ needId: s.needId, employeeId: s.employeeId, businessUnitId: s.businessUnitId, competency: s.competency });

const decide = (cmd: NeedCommand, s: Need): NeedEvent[] => {
  switch (cmd.type) {
    case 'IdentifyNeed': {
      const d = cmd.data;
      for (const level of [d.currentLevel, d.requiredLevel]) if (level < 0 || level > 5) throw new InvalidCompetencyLevel(level);
      const assessment = assess(d);
      if (s.status === 'open') {
        // A later assessment that finds the level reached closes the need.
        if (assessment.gap <= 0) return [{ type: 'TrainingNeedMet', data: { ...subjectOf(s), by: 'assessment', ref: d.sourceRef, at: d.at } }];
        // The same gap reported again (a redelivered appraisal, a second request) is not news.
        if (sameAssessment(s, assessment)) return [];
        return [{ type: 'TrainingNeedReassessed', data: { ...subjectOf(s), ...assessment, at: d.at } }];
      }
      if (assessment.gap <= 0) throw new NeedHasNoGap(d.competency, d.currentLevel, d.requiredLevel);
      const subject = { needId: d.needId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, competency: d.competency };
      return [{ type: 'TrainingNeedIdentified', data: { ...subject, ...assessment, at: d.at } }];
    }
    case 'MeetNeed': {
      if (s.status === 'met') return [];
      if (s.status !== 'open') throw new NeedNotOpen(s.status);
      return [{ type: 'TrainingNeedMet', data: { ...subjectOf(s), ...cmd.data } }];
    }
    case 'ObsoleteNeed': {
      if (s.status === 'obsolete') return [];
      if (s.status !== 'open') throw new NeedNotOpen(s.status);
      return [{ type: 'TrainingNeedObsoleted', data: { ...subjectOf(s), ...cmd.data } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Need, e: NeedEvent): Need => {
  switch (e.type) {
    case 'TrainingNeedIdentified':
    case 'TrainingNeedReassessed': {
      const { at: _at, ...rest } = e.data;
      return { status: 'open', ...rest };
    }
    case 'TrainingNeedMet':
      return s.status === 'none' ? s : { ...s, status: 'met' };
    case 'TrainingNeedObsoleted':
      return s.status === 'none' ? s : { ...s, status: 'obsolete' };
    default:
      return assertNever(e);
  }
};

export const needDecider: Decider<NeedCommand, NeedEvent, Need> = { decide, evolve, initialState: (): Need => ({ status: 'none' }) };
