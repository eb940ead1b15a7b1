import type { AppraisalFinalized, EmployeeOnboarded, OrgEvent, PersonErased } from '@tpm/contracts';
import { publishedLanguage } from '@tpm/contracts';
import type { AppraisalEvent, EmployeeEvent, OrgStructureEvent } from '@tpm/performance-domain';

type Org<T extends OrgEvent['type']> = Extract<OrgEvent, { type: T }>;

/**
 * What performance publishes on `performance.events`: the organization (every context keeps a
 * local copy) and the finalized appraisal. Each field is copied by name, so a field added to a
 * domain event stays internal until a contract names it. Goals, scorecards, cycle steps,
 * assessments, calibrations and feedback are not published: they travel on `performance.log`
 * only (the audit trail), and free text such as assessment comments never reaches `.events`.
 */
export const performancePublished = publishedLanguage<OrgStructureEvent | EmployeeEvent | AppraisalEvent>({
  BusinessUnitRegistered: (d): Org<'performance.BusinessUnitRegistered'> => ({
    type: 'performance.BusinessUnitRegistered',
    version: 1,
    data: { businessUnitId: d.businessUnitId, name: d.name, parentId: d.parentId, at: d.at },
  }),
  BusinessUnitReparented: (d): Org<'performance.BusinessUnitReparented'> => ({
    type: 'performance.BusinessUnitReparented',
    version: 1,
    data: { businessUnitId: d.businessUnitId, fromParentId: d.fromParentId, toParentId: d.toParentId, at: d.at },
  }),
  BusinessUnitRenamed: (d): Org<'performance.BusinessUnitRenamed'> => ({
    type: 'performance.BusinessUnitRenamed',
    version: 1,
    data: { businessUnitId: d.businessUnitId, fromName: d.fromName, name: d.name, at: d.at },
  }),
  PositionDefined: (d): Org<'performance.PositionDefined'> => ({
    type: 'performance.PositionDefined',
    version: 1,
    data: { positionId: d.positionId, title: d.title, businessUnitId: d.businessUnitId, level: d.level, at: d.at },
  }),
  EmployeeOnboarded: (d): EmployeeOnboarded => ({
    type: 'performance.EmployeeOnboarded',
    version: 2,
    data: {
      employeeId: d.employeeId,
      employeeNumber: d.employeeNumber,
      businessUnitId: d.businessUnitId,
      position: d.position,
      managerId: d.managerId,
      level: d.level,
      at: d.at,
    },
  }),
  EmployeeTransferred: (d): Org<'performance.EmployeeTransferred'> => ({
    type: 'performance.EmployeeTransferred',
    version: 1,
    data: { employeeId: d.employeeId, fromBusinessUnitId: d.fromBusinessUnitId, toBusinessUnitId: d.toBusinessUnitId, position: d.position, at: d.at },
  }),
  EmployeeManagerChanged: (d): Org<'performance.EmployeeManagerChanged'> => ({
    type: 'performance.EmployeeManagerChanged',
    version: 1,
    data: { employeeId: d.employeeId, fromManagerId: d.fromManagerId, toManagerId: d.toManagerId, at: d.at },
  }),
  EmployeeOffboarded: (d): Org<'performance.EmployeeOffboarded'> => ({
    type: 'performance.EmployeeOffboarded',
    version: 2,
    data: { employeeId: d.employeeId, businessUnitId: d.businessUnitId, at: d.at },
  }),
  // Every context reacts: it destroys its own key for the person and blanks its copies.
  PersonErased: (d): PersonErased => ({ type: 'performance.PersonErased', version: 1, data: { employeeId: d.employeeId, erasedAt: d.erasedAt } }),
  AppraisalFinalized: (d): AppraisalFinalized => ({
    type: 'performance.AppraisalFinalized',
    version: 2,
    data: {
      appraisalId: d.appraisalId,
      cycleId: d.cycleId,
      employeeId: d.employeeId,
      businessUnitId: d.businessUnitId,
      managerId: d.managerId,
      period: d.period,
      score: d.score,
      ratingBand: d.ratingBand,
      ratingBandRank: d.ratingBandRank,
      competencyGaps: d.competencyGaps.map((g) => ({ competency: g.competency, currentLevel: g.currentLevel, requiredLevel: g.requiredLevel, gap: g.gap })),
      indicators: d.indicators.map((i) => ({ objectiveId: i.objectiveId, indicatorId: i.indicatorId, score: i.score })),
      potential: d.potential,
      finalizedAt: d.finalizedAt,
    },
  }),
});
