import type { CarriedActionItem, StyleInputs } from '@tpm/coaching-domain';

/** The local copy of the organization (kept by the org reactions). */
export interface EmployeeDirectory {
  employee(employeeId: string): Promise<{ businessUnitId: string; active: boolean; managerId: string | null } | null>;
}

/** What earlier sessions of an engagement left: the read model, caught up before it answers. */
export interface SessionHistory {
  /** The engagement's most recent held or cancelled session, whose uncovered points carry over. */
  lastEndedSession(engagementId: string): Promise<string | null>;
  /** Action items of the engagement's sessions not yet done. */
  openActionItems(engagementId: string): Promise<CarriedActionItem[]>;
}

/** The evidence the style recommendation is computed from, as the read models hold it now. */
export interface StyleEvidence {
  inputsFor(engagementId: string, coacheeId: string): Promise<StyleInputs>;
}

/** How improvement plans run here (from the environment). */
export interface ImprovementPlanSettings {
  /** An appraisal whose band rank is at or below this opens a plan (1 = the lowest band). */
  bandRankThreshold: number;
  /** Length of a plan opened from an appraisal, in days. */
  durationDays: number;
  maxExtensions: number;
}
export const DEFAULT_PLAN_SETTINGS: ImprovementPlanSettings = { bandRankThreshold: 1, durationDays: 90, maxExtensions: 1 };
