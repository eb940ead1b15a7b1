import { contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { instant, object, string } from '../schema';

/**
 * A person was erased (GDPR right to erasure). The performance context owns people and publishes
 * it; every context reacts by destroying its own key for the person and dropping or blanking its
 * copies of their personal data. Ids and figures (scores, counts, payouts) stay. The erasure's
 * reason and actor stay in the performance store's audited event, not here.
 */
export type PersonErased = Contract<'performance.PersonErased', 1, { employeeId: string; erasedAt: string }>;

export const PRIVACY_CONTRACTS = [contractVersion<PersonErased>('performance.PersonErased', 1, object({ employeeId: string(), erasedAt: instant() }))];
