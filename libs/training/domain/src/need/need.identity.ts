/** "Project Management" and "project-management" are one competency: needs dedupe on this key. */
export const competencyKey = (competency: string): string =>
  competency
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Who has the need: an employee, or a whole business unit when no employee is named. */
export const needSubjectKey = (employeeId: string | null, businessUnitId: string): string => employeeId ?? `bu-${businessUnitId}`;
