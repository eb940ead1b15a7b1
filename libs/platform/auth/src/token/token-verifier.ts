import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Actor } from '@tpm/kernel';
import { ALL_BUSINESS_UNITS, isHumanRole } from '../roles';
import type { AuthConfig } from './auth.config';

/** Why a token was refused; the guard turns it into a 401 with this code. */
export class InvalidToken extends Error {
  constructor(
    readonly code: 'TOKEN_MISSING' | 'TOKEN_EXPIRED' | 'TOKEN_INVALID',
    message: string,
  ) {
    super(message);
  }
}

const BUSINESS_UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const MAX_CLAIM_ITEMS = 10_000;

/** Verifies a bearer token (signature, algorithm, issuer, audience, expiry) and reads the actor from it. */
export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;
  private readonly algorithms: string[];

  constructor(private readonly config: AuthConfig) {
    if (config.mode === 'jwks') {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
      // RS256 only: an IdP token signed otherwise (or "none", or HS256 with the public key as secret) is refused.
      this.algorithms = ['RS256'];
    } else {
      this.key = new TextEncoder().encode(config.secret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 5,
      });
      payload = verified.payload;
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new InvalidToken('TOKEN_EXPIRED', 'The bearer token has expired');
      if (e instanceof errors.JWTClaimValidationFailed) throw new InvalidToken('TOKEN_INVALID', `The bearer token is not valid here: ${e.claim} claim check failed`);
      // Signature, algorithm, key lookup or format: one message, no detail an attacker could use.
      throw new InvalidToken('TOKEN_INVALID', 'The bearer token signature or format is invalid');
    }
    return actorFromClaims(payload);
  }
}

/** Claims → actor; anything malformed makes the whole token invalid rather than silently narrower. */
export function actorFromClaims(payload: JWTPayload): Actor {
  const { sub, roles, bu, emp } = payload as JWTPayload & { roles?: unknown; bu?: unknown; emp?: unknown };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) throw new InvalidToken('TOKEN_INVALID', 'The token subject (sub) is missing or invalid');
  if (!Array.isArray(roles) || roles.length > 50) throw new InvalidToken('TOKEN_INVALID', 'The token roles claim must be an array of roles');
  if (bu !== undefined && (!Array.isArray(bu) || bu.length > MAX_CLAIM_ITEMS || !bu.every((b) => b === ALL_BUSINESS_UNITS || (typeof b === 'string' && BUSINESS_UNIT_ID.test(b))))) {
    throw new InvalidToken('TOKEN_INVALID', 'The token bu claim must be an array of business-unit ids');
  }
  if (emp !== undefined && (typeof emp !== 'string' || emp.length === 0 || emp.length > 100)) throw new InvalidToken('TOKEN_INVALID', 'The token emp claim is invalid');
  // Roles this platform does not know (an IdP often adds its own) are ignored; `system` can never come from a token.
  const known = [...new Set(roles.filter(isHumanRole))];
  return { subject: sub, roles: known, businessUnits: [...new Set((bu as string[] | undefined) ?? [])], ...(emp ? { employeeId: emp as string } : {}) };
}
