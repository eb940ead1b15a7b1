import { createHash } from 'node:crypto';

/**
 * The namespace of employee ids derived from HRIS employee numbers. Fixed forever: changing it
 * would give every employee a second identity on the next import.
 */
export const EMPLOYEE_NUMBER_NAMESPACE = '49180cf2-f8cd-445d-81fc-b57b51e89489';

/** RFC 9562 name-based UUID, version 5 (SHA-1). */
export const uuidV5 = (name: string, namespace: string): string => {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * An employee's id is a function of their employee number (trimmed, case kept), so a bulk import
 * is idempotent without a lookup table, and "does employee E042 exist?" is a read of one stream.
 */
export const employeeIdFor = (employeeNumber: string): string => uuidV5(employeeNumber.trim(), EMPLOYEE_NUMBER_NAMESPACE);
