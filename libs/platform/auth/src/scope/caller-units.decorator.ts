import { createParamDecorator, ExecutionContext, Inject, Injectable, type PipeTransform } from '@nestjs/common';
import type { Actor } from '@tpm/kernel';
import { ACCESS_POLICY, type AccessPolicy } from '../access-policy';

const callerOf = createParamDecorator((_: unknown, host: ExecutionContext): Actor => {
  const actor = host.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('@ReadableUnits() used on a route the auth guard did not authenticate');
  return actor;
});

@Injectable()
export class ReadableUnitsPipe implements PipeTransform<Actor, Promise<string[] | null>> {
  constructor(@Inject(ACCESS_POLICY) private readonly policy: AccessPolicy) {}
  transform(caller: Actor) {
    return this.policy.readableBusinessUnits(caller);
  }
}

/**
 * The business units (subtrees expanded) the caller may read, null meaning all: for routes that
 * answer with many units' rows and show each caller only theirs.
 */
export const ReadableUnits = () => callerOf(undefined, ReadableUnitsPipe);
