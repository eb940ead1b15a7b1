/**
 * Which fields of which stored events are personal data, and whose (the subject: the person the
 * data is about, by employee id). The store encrypts those fields with the subject's key before
 * they are hashed and stored, and opens them on read; once the subject is erased (their key
 * destroyed) they read as ERASED. Each context declares its own policy next to its events and
 * hands it to `EventStoreModule.forService({ personalData })`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy lists rules over many event shapes; each rule types its own `Data`.
export interface PersonalDataRule<Data = any> {
  /** Event type as stored by the context (e.g. 'EmployeeOnboarded'). */
  type: string;
  /** Whose data it is: an employee id; null or undefined = nothing personal in this event. */
  subject: (data: Data) => string | null | undefined;
  /**
   * Paths of the personal fields: a top-level key ('name'), a dotted path ('feedback.comment'), or
   * '*' for every element of an array ('answers.*.text'). Absent or null fields are left alone.
   */
  fields: string[];
}

export type PersonalDataPolicy = readonly PersonalDataRule[];

/** What an erased person's personal text reads as, everywhere. Non-text fields read as null. */
export const ERASED = '[erased]';
