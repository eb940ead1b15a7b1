import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { RECORD_SCOPE_KEY, type ScopeRule } from '@tpm/auth';
import { RecordScopeGuard } from './record-scope.guard';

/**
 * How a route that names a record checks that the caller may see or change it: the rules (built
 * with `Scope.*` from `@tpm/auth`) run in order after the role check, on validated input. The
 * rules stay readable by reflection (`declaredRoutes(...).scope`), so tests can walk them.
 */
export const RecordScope = (...rules: ScopeRule[]) => applyDecorators(SetMetadata(RECORD_SCOPE_KEY, rules), UseGuards(RecordScopeGuard));
