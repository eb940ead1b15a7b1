import type { Role } from '@tpm/kernel';

/** The roles a bearer token may carry. `system` is not among them: only our own components act as it. */
export const HUMAN_ROLES = ['employee', 'manager', 'hr', 'trainer', 'coach', 'executive', 'analyst', 'auditor', 'admin'] as const satisfies readonly Role[];
export type HumanRole = (typeof HUMAN_ROLES)[number];

export const isHumanRole = (r: unknown): r is HumanRole => typeof r === 'string' && (HUMAN_ROLES as readonly string[]).includes(r);

/** A `bu` claim entry that means "every business unit" (typically an auditor or a group-level analyst). */
export const ALL_BUSINESS_UNITS = '*';
