import type { AnyContract, ContractEntry, ContractUpcaster } from './contract';
import type { Envelope } from './envelope';
import { COACHING_CONTRACTS, DIFFICULTY_REPORTED_V1_TO_V2 } from './coaching/coaching.events';
import { APPRAISAL_CONTRACTS, APPRAISAL_FINALIZED_V1_TO_V2 } from './performance/appraisal.events';
import { EMPLOYEE_OFFBOARDED_V1_TO_V2, EMPLOYEE_ONBOARDED_V1_TO_V2, ORG_CONTRACTS } from './performance/org.events';
import { PRIVACY_CONTRACTS } from './performance/privacy.events';
import { REWARDS_CONTRACTS } from './rewards/rewards.events';
import { TRAINING_CONTRACTS } from './training/training.events';

/** Every version of every integration event, old ones included: consumers may still read them. */
export const CONTRACTS: ContractEntry[] = [...ORG_CONTRACTS, ...PRIVACY_CONTRACTS, ...APPRAISAL_CONTRACTS, ...TRAINING_CONTRACTS, ...COACHING_CONTRACTS, ...REWARDS_CONTRACTS];

/** v(n) → v(n+1) for every contract that changed; applied when an envelope is decoded. */
export const CONTRACT_UPCASTERS: ContractUpcaster[] = [APPRAISAL_FINALIZED_V1_TO_V2, EMPLOYEE_ONBOARDED_V1_TO_V2, EMPLOYEE_OFFBOARDED_V1_TO_V2, DIFFICULTY_REPORTED_V1_TO_V2];

const byKey = new Map(CONTRACTS.map((c) => [`${c.type}@${c.version}`, c]));
const upcasters = new Map(CONTRACT_UPCASTERS.map((u) => [`${u.type}@${u.fromVersion}`, u]));

export const contractOf = (type: string, version: number): ContractEntry | undefined => byKey.get(`${type}@${version}`);

/** The version producers publish today; undefined for a type that is not a contract. */
export const currentVersionOf = (type: string): number | undefined => {
  const versions = CONTRACTS.filter((c) => c.type === type).map((c) => c.version);
  return versions.length ? Math.max(...versions) : undefined;
};

/** Every way an integration event breaks its contract, an unknown name or version included. */
export const contractProblems = (event: AnyContract): string[] => {
  const contract = contractOf(event.type, event.version);
  return contract ? contract.problems(event.data) : [`${event.type} v${event.version} is not a published contract`];
};

/** Raises an integration event to its current version, one upcaster at a time. */
export const upcastContract = <C extends AnyContract>(event: C): C => {
  let { version, data } = event;
  for (let u = upcasters.get(`${event.type}@${version}`); u; u = upcasters.get(`${event.type}@${version}`)) {
    data = u.upcast(data);
    version = u.toVersion;
  }
  return version === event.version ? event : { ...event, version, data };
};

/**
 * What every consumer of `<context>.events` calls on decoding: an old version arrives as the
 * current one, so handlers and projections know one shape per event. `.log` envelopes are
 * domain events, not contracts: they pass as they are.
 */
export const upcastEnvelope = <E extends Envelope>(envelope: E): E => {
  if (envelope.channel === 'log') return envelope;
  const { version, data } = upcastContract({ type: envelope.type, version: envelope.schemaVersion, data: envelope.data });
  return version === envelope.schemaVersion ? envelope : { ...envelope, schemaVersion: version, data };
};
