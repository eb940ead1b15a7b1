/** The whole business-unit tree is one stream: its rules (one root, no cycles) span every unit. */
export const ORG_STRUCTURE_STREAM = 'performance-org-structure';

/** One stream per employee, so edits of different people never contend. */
export const employeeStream = (employeeId: string) => `performance-employee-${employeeId}`;
