import { assertNever, type Decider } from '@tpm/kernel';
import type { ResourceCommand } from './resource.commands';
import { InvalidBooking, ResourceAlreadyRegistered, ResourceDoubleBooked, ResourceNotFound } from './resource.errors';
import type { Booking, ResourceEvent, ResourceKind } from './resource.events';

/**
 * One stream holds a resource's whole calendar, so two bookings of it are decided one after
 * the other: a concurrent second writer meets the expected-version check, reloads, and sees
 * the first booking. That is what makes double-booking impossible, not a lock.
 */
export type Resource =
  | { status: 'new' }
  | { status: 'registered'; resourceId: string; businessUnitId: string | null; kind: ResourceKind; name: string; quantity: number; bookings: Booking[] };

/** Venues and trainers are one of a kind: they can only be in one place at a time. */
export const isExclusive = (kind: ResourceKind) => kind === 'venue' || kind === 'trainer';

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) =>
  Date.parse(a.from) < Date.parse(b.to) && Date.parse(b.from) < Date.parse(a.to);

const decide = (cmd: ResourceCommand, s: Resource): ResourceEvent[] => {
  switch (cmd.type) {
    case 'RegisterResource': {
      const d = cmd.data;
      const quantity = isExclusive(d.kind) ? 1 : d.quantity;
      if (s.status === 'registered') {
        if (s.kind === d.kind && s.name === d.name && s.quantity === quantity && s.businessUnitId === d.businessUnitId) return [];
        throw new ResourceAlreadyRegistered(d.resourceId);
      }
      if (!(quantity >= 1)) throw new InvalidBooking('A resource has a quantity of at least 1');
      return [{ type: 'TrainingResourceRegistered', data: { ...d, quantity } }];
    }
    case 'BookResource': {
      const { at, ...booking } = cmd.data;
      if (s.status === 'new') throw new ResourceNotFound(booking.resourceId);
      const existing = s.bookings.find((b) => b.bookingId === booking.bookingId);
      if (existing) {
        if (existing.from === booking.from && existing.to === booking.to && existing.quantity === booking.quantity) return [];
        throw new InvalidBooking(`Booking ${booking.bookingId} already exists with other times`);
      }
      if (!(Date.parse(booking.to) > Date.parse(booking.from))) throw new InvalidBooking('A booking must end after it starts');
      const quantity = isExclusive(s.kind) ? 1 : booking.quantity;
      const clashing = s.bookings.filter((b) => overlaps(b, booking));
      if (clashing.reduce((n, b) => n + b.quantity, 0) + quantity > s.quantity) {
        throw new ResourceDoubleBooked(s.resourceId, booking.from, booking.to, clashing.map((b) => b.bookingId));
      }
      return [{ type: 'ResourceBooked', data: { ...booking, quantity, kind: s.kind, at } }];
    }
    case 'ReleaseBooking': {
      if (s.status === 'new') throw new ResourceNotFound(cmd.data.resourceId);
      if (!s.bookings.some((b) => b.bookingId === cmd.data.bookingId)) return [];
      return [{ type: 'ResourceBookingReleased', data: cmd.data }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Resource, e: ResourceEvent): Resource => {
  switch (e.type) {
    case 'TrainingResourceRegistered': {
      const { at: _at, ...r } = e.data;
      return { status: 'registered', ...r, businessUnitId: r.businessUnitId ?? null, bookings: [] };
    }
    case 'ResourceBooked': {
      if (s.status === 'new') return s;
      const { bookingId, sessionId, from, to, quantity } = e.data;
      return { ...s, bookings: [...s.bookings, { bookingId, sessionId, from, to, quantity }] };
    }
    case 'ResourceBookingReleased':
      return s.status === 'new' ? s : { ...s, bookings: s.bookings.filter((b) => b.bookingId !== e.data.bookingId) };
    default:
      return assertNever(e);
  }
};

export const resourceDecider: Decider<ResourceCommand, ResourceEvent, Resource> = { decide, evolve, initialState: (): Resource => ({ status: 'new' }) };
