import type { Clock } from '@tpm/kernel';
import { execute, retryOnConflict, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { resourceDecider, type Resource, type ResourceKind } from '@tpm/training-domain';

/** Every resource event is stamped with its owning unit (null: the organization's). */
const ownerOf = (s: Resource) => (s.status === 'new' ? null : s.businessUnitId);
import { resourceStream } from './training.streams';

export class RegisterResourceHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { resourceId: string; businessUnitId: string | null; kind: ResourceKind; name: string; quantity: number }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, resourceStream(input.resourceId), resourceDecider)(() => ({ type: 'RegisterResource', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}

export interface BookResourceInput {
  resourceId: string;
  bookingId: string;
  sessionId: string | null;
  from: string;
  to: string;
  quantity: number;
}

/**
 * Concurrent bookings of one resource race on its stream version; the loser re-reads the
 * calendar and decides again, so it gets the business answer (double-booked) or its slot.
 */
export class BookResourceHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: BookResourceInput, context: CommandContext): Promise<CommandResult> {
    const { result } = await retryOnConflict(() => {
      const at = this.clock.now().toISOString();
      return execute(this.store, resourceStream(input.resourceId), resourceDecider)(() => ({ type: 'BookResource', data: { ...input, at } }), {
        context,
        at,
        businessUnitId: ownerOf,
      });
    });
    return result;
  }
}

export class ReleaseBookingHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { resourceId: string; bookingId: string; reason: string }, context: CommandContext): Promise<CommandResult> {
    const { result } = await retryOnConflict(() => {
      const at = this.clock.now().toISOString();
      return execute(this.store, resourceStream(input.resourceId), resourceDecider)(() => ({ type: 'ReleaseBooking', data: { ...input, at } }), {
        context,
        at,
        businessUnitId: ownerOf,
      });
    });
    return result;
  }
}
