import { SetMetadata } from '@nestjs/common';
import type { Role } from '@tpm/kernel';

export const ROLES_KEY = 'tpm:roles';
export const PUBLIC_KEY = 'tpm:public';

/**
 * What a route needs: any one of these roles. Every route declares either @Roles(...) or
 * @Public(); the guard refuses routes that declare neither (nothing is open by default).
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Open without a token: only /health and /docs. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
