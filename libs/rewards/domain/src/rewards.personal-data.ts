/**
 * The rewards context's personal data (the store encrypts these fields under the subject's key;
 * erased, they read as '[erased]' or null). The shape is the platform's `PersonalDataPolicy`
 * (`@tpm/event-store`), declared structurally because the domain imports no platform library.
 * Pay is personal; so are reasons and comments about a person and survey answers. Amounts paid
 * out are figures the company owes and keeps after an erasure.
 */
interface Rule {
  type: string;
  subject: (data: { employeeId: string }) => string;
  fields: string[];
}

const employee = (data: { employeeId: string }) => data.employeeId;

export const REWARDS_PERSONAL_DATA: readonly Rule[] = [
  { type: 'BasePayRecorded', subject: employee, fields: ['amount'] },
  { type: 'RewardProposed', subject: employee, fields: ['provenance.basePay'] },
  { type: 'ProposalAdjusted', subject: employee, fields: ['reason'] },
  { type: 'RewardRejected', subject: employee, fields: ['reason'] },
  { type: 'RewardRevoked', subject: employee, fields: ['reason'] },
  { type: 'RewardRated', subject: employee, fields: ['rating', 'comment'] },
];
