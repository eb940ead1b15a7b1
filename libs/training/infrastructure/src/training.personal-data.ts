import type { PersonalDataPolicy, PersonalDataRule } from '@tpm/event-store';

type About = { employeeId: string };
const about = (type: string, fields: string[]): PersonalDataRule<About> => ({ type, subject: (d) => d.employeeId, fields });

/**
 * The training context's personal data: what a participant wrote about a training and what their
 * manager observed of them afterwards, sealed under the participant's key. Ratings, scores and
 * dates stay readable after an erasure (they feed the Kirkpatrick averages and the L4 effect).
 */
export const trainingPersonalData: PersonalDataPolicy = [about('ReactionSubmitted', ['comment']), about('BehaviourObserved', ['notes'])];
