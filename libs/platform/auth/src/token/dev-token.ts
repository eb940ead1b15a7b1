import { SignJWT } from 'jose';

// This file is also loaded by scripts/token.mjs outside the Nx aliases: runtime imports stay
// on npm packages only.

/**
 * The development signing key when AUTH_DEV_SECRET is unset. Public by design (it is in the
 * repository): the service logs a warning when it uses it and refuses dev mode in production.
 */
export const DEV_DEFAULT_SECRET = 'tpm-development-only-signing-key-never-use-in-production';
export const DEV_ISSUER = 'tpm-dev';
export const DEV_AUDIENCE = 'tpm';

export interface DevTokenClaims {
  sub: string;
  roles: string[];
  /** Business units governed (subtrees); `*` for all. */
  bu?: string[];
  /** The employee id (UUIDv5 of the employee number) when the subject is an employee. */
  emp?: string;
}

export const devSecretKey = (secret = process.env.AUTH_DEV_SECRET || DEV_DEFAULT_SECRET): Uint8Array => new TextEncoder().encode(secret);

/** An HS256 token the dev-mode verifier accepts; `expiresIn` is a jose duration ('8h') or seconds from now. */
export async function signDevToken(
  claims: DevTokenClaims,
  options: { secret?: string; expiresIn?: string | number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  const jwt = new SignJWT({ ...rest, bu: rest.bu ?? [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt();
  const exp = options.expiresIn ?? '8h';
  jwt.setExpirationTime(typeof exp === 'number' ? Math.floor(Date.now() / 1000) + exp : exp);
  return jwt.sign(devSecretKey(options.secret));
}
