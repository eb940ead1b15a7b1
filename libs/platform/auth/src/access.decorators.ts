import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@tpm/kernel';

export const ROLES_KEY = 'tpm:roles';
export const PUBLIC_KEY = 'tpm:public';
export const AUDITED_READ_KEY = 'tpm:audited-read';

/**
 * What a route needs: any one of these roles. Every route declares either @Roles(...) or
 * @Public(); the guard refuses routes that declare neither (nothing is open by default).
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Open without a token: only /health and /docs. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * A read of history or of the audit trail: who asked, with which query, is itself recorded
 * (auth.access_log) before the answer is produced, so an auditor's reading leaves a trace.
 */
export const AuditedRead = (what: string) => SetMetadata(AUDITED_READ_KEY, what);

/**
 * The verified caller with everything the token says (business units, employee id), for scope
 * checks. `@Ctx().actor` carries only subject and roles: that is what goes into event metadata.
 */
export const Caller = createParamDecorator((_: unknown, host: ExecutionContext): Actor => {
  const actor = host.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  // The guard sets it on every non-public route; reaching here without it is a wiring bug.
  if (!actor) throw new Error('@Caller() used on a route the auth guard did not authenticate');
  return actor;
});

export const READ_ONLY_OPERATION_KEY = 'tpm:read-only-operation';

/**
 * A POST that computes and writes nothing (e.g. what-if re-scoring): auditors, who may never
 * write, may still call it.
 */
export const ReadOnlyOperation = () => SetMetadata(READ_ONLY_OPERATION_KEY, true);
