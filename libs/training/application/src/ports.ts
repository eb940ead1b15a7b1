/** The local copy of the organization (kept by the org-reference reactions). */
export interface EmployeeDirectory {
  employee(employeeId: string): Promise<{ businessUnitId: string; active: boolean; managerId: string | null } | null>;
  /** Whether the unit lies within the subtree of one of these units. */
  isWithin(businessUnitId: string, governed: string[]): Promise<boolean>;
}

/** Which programs an employee has completed: the read model answers prerequisite checks. */
export interface CompletionRecords {
  completedPrograms(employeeId: string): Promise<string[]>;
}
