import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** 403 with the one error shape; the message says what was refused, never what exists. */
export const forbidden = (code: string, message: string) => new ForbiddenException({ code, message });

export const unauthenticated = (code: string, message: string) => new UnauthorizedException({ code, message });

/** Seconds a caller is told to wait when the local org copy has not yet seen what they name. */
export const SCOPE_RETRY_AFTER_SECONDS = 2;
export const SCOPE_NOT_YET_KNOWN = 'SCOPE_NOT_YET_KNOWN';

/**
 * 403 for a unit or employee this service's copy of the organization has not seen yet, asked by a
 * caller whose own units it does know: the org events are on their way, so "retry shortly" is
 * the honest answer (the guard adds `Retry-After`). Only what the copy lacks is said, never
 * whether the record exists elsewhere.
 */
export const scopeNotYetKnown = (what: string) =>
  new ForbiddenException({
    code: SCOPE_NOT_YET_KNOWN,
    message: `${what} is not yet known to this service's copy of the organization; if it was just created, retry in a few seconds`,
    retryAfterSeconds: SCOPE_RETRY_AFTER_SECONDS,
  });
