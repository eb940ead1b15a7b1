export * from './org-structure/org-structure.events';
export * from './org-structure/org-structure.commands';
export * from './org-structure/org-structure.errors';
export * from './org-structure/org-structure.decider';
export * from './employee/employee.events';
export * from './employee/employee.commands';
export * from './employee/employee.errors';
export * from './employee/employee.decider';
