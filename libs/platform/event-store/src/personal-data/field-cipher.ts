import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for one personal field, as it is stored in an event's data in place of the value.
 * `k` names the subject whose key opens it (their employee id), so a field opens whatever the
 * current personal-data policy says. The additional data binds it to its subject and event: a
 * sealed field copied into another event, or under another subject, does not open.
 */
export interface SealedField {
  $pd: 1;
  k: string;
  /** 's' when the value is text (it reads as ERASED once the key is gone), 'v' otherwise (null). */
  t: 's' | 'v';
  iv: string;
  ct: string;
}

/** The working keys derived from one subject's data key: one encrypts, one derives the nonces. */
export interface SubjectKey {
  readonly enc: Buffer;
  readonly nonce: Buffer;
}

const DATA_KEY_BYTES = 32;
const WRAP_IV_BYTES = 12;
const TAG_BYTES = 16;

export const isSealedField = (value: unknown): value is SealedField =>
  !!value && typeof value === 'object' && (value as SealedField).$pd === 1 && typeof (value as SealedField).k === 'string' && typeof (value as SealedField).ct === 'string';

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

export const subjectKeyOf = (dataKey: Buffer): SubjectKey => ({
  enc: Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'tpm personal data: encryption', 32)),
  nonce: Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'tpm personal data: nonce', 32)),
});

const aad = (subject: string, eventId: string) => Buffer.from(`${subject}\u0000${eventId}`, 'utf8');

/**
 * Seals a value. The nonce is derived from the event id, the field's path and the value itself
 * (a synthetic IV), so the same append retried yields the same bytes (the store's idempotency
 * compares stored bytes) and two different values never share a nonce under one key.
 */
export function sealField(key: SubjectKey, subject: string, eventId: string, path: string, value: unknown): SealedField {
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const iv = createHmac('sha256', key.nonce).update(`${eventId}\u0000${path}\u0000`).update(plain).digest().subarray(0, WRAP_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.enc, iv);
  cipher.setAAD(aad(subject, eventId));
  const ct = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { $pd: 1, k: subject, t: typeof value === 'string' ? 's' : 'v', iv: iv.toString('base64'), ct: ct.toString('base64') };
}

/** Opens a sealed field; throws when the bytes, subject or event were altered. */
export function openField(key: SubjectKey, eventId: string, sealed: SealedField): unknown {
  const bytes = Buffer.from(sealed.ct, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.enc, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad(sealed.k, eventId));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

/** A subject's data key as kept in the key table: encrypted under the service's master key. */
export function wrapDataKey(masterKey: Buffer, subject: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(WRAP_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(subject, 'utf8'));
  return Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
}

export function unwrapDataKey(masterKey: Buffer, subject: string, wrapped: Buffer): Buffer {
  const iv = wrapped.subarray(0, WRAP_IV_BYTES);
  const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
  decipher.setAAD(Buffer.from(subject, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(wrapped.subarray(WRAP_IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
}
