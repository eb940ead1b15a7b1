import { deciderSpec } from '@tpm/kernel/testing';
import type { ResourceCommand } from './resource.commands';
import { resourceDecider } from './resource.decider';
import { InvalidBooking, ResourceAlreadyRegistered, ResourceDoubleBooked, ResourceNotFound } from './resource.errors';
import type { ResourceEvent, ResourceKind } from './resource.events';

const given = deciderSpec(resourceDecider);
const at = '2027-01-05T00:00:00.000Z';
const registered = (kind: ResourceKind = 'venue', quantity = 1): ResourceEvent => ({
  type: 'TrainingResourceRegistered',
  data: { resourceId: 'r1', businessUnitId: 'BU-7', kind, name: 'Room 1', quantity, at },
});
const book = (bookingId: string, from: string, to: string, quantity = 1): ResourceCommand => ({
  type: 'BookResource',
  data: { resourceId: 'r1', bookingId, sessionId: null, from, to, quantity, at },
});
const booked = (bookingId: string, from: string, to: string, kind: ResourceKind = 'venue', quantity = 1): ResourceEvent => ({
  type: 'ResourceBooked',
  data: { resourceId: 'r1', bookingId, sessionId: null, from, to, quantity, kind, at },
});
const H = (h: number) => `2027-03-01T${String(h).padStart(2, '0')}:00:00.000Z`;

describe('RegisterResource', () => {
  it('registers a venue as one of a kind whatever quantity is asked', () =>
    given([]).when({ type: 'RegisterResource', data: { resourceId: 'r1', businessUnitId: 'BU-7', kind: 'venue', name: 'Room 1', quantity: 5, at } }).then([registered()]));
  it('refuses to register a resource again under another owner', () =>
    given([registered()]).when({ type: 'RegisterResource', data: { resourceId: 'r1', businessUnitId: 'BU-9', kind: 'venue', name: 'Room 1', quantity: 1, at } }).thenThrows(ResourceAlreadyRegistered));
  it('reads a resource stored before owning units as the organization\'s', () => {
    const state = resourceDecider.evolve(resourceDecider.initialState(), { type: 'TrainingResourceRegistered', data: { resourceId: 'r1', kind: 'venue', name: 'Room 1', quantity: 1, at } } as ResourceEvent);
    expect(state).toMatchObject({ status: 'registered', businessUnitId: null });
  });
});

describe('BookResource', () => {
  it('books a free venue', () => given([registered()]).when(book('b1', H(9), H(12))).then([booked('b1', H(9), H(12))]));
  it('never double-books a venue over overlapping times', () =>
    given([registered(), booked('b1', H(9), H(12))]).when(book('b2', H(11), H(13))).thenThrows(ResourceDoubleBooked));
  it('never double-books a trainer', () =>
    given([registered('trainer'), booked('b1', H(9), H(12), 'trainer')]).when(book('b2', H(9), H(10))).thenThrows(ResourceDoubleBooked));
  it('books back to back slots', () => given([registered(), booked('b1', H(9), H(12))]).when(book('b2', H(12), H(13))).then([booked('b2', H(12), H(13))]));
  it('books equipment while overlapping use stays within its quantity', () =>
    given([registered('equipment', 3), booked('b1', H(9), H(12), 'equipment', 2)]).when(book('b2', H(10), H(11))).then([booked('b2', H(10), H(11), 'equipment')]));
  it('refuses equipment beyond its quantity', () =>
    given([registered('equipment', 3), booked('b1', H(9), H(12), 'equipment', 3)]).when(book('b2', H(10), H(11))).thenThrows(ResourceDoubleBooked));
  it('says nothing when the same booking is requested again', () => given([registered(), booked('b1', H(9), H(12))]).when(book('b1', H(9), H(12))).then([]));
  it('refuses a booking that ends before it starts', () => given([registered()]).when(book('b1', H(12), H(9))).thenThrows(InvalidBooking));
  it('refuses an unknown resource', () => given([]).when(book('b1', H(9), H(12))).thenThrows(ResourceNotFound));
});

describe('ReleaseBooking', () => {
  it('frees the slot for another booking', () =>
    given([registered(), booked('b1', H(9), H(12)), { type: 'ResourceBookingReleased', data: { resourceId: 'r1', bookingId: 'b1', reason: 'session cancelled', at } }])
      .when(book('b2', H(9), H(12)))
      .then([booked('b2', H(9), H(12))]));
  it('says nothing for a booking that does not exist', () =>
    given([registered()]).when({ type: 'ReleaseBooking', data: { resourceId: 'r1', bookingId: 'zz', reason: 'x', at } }).then([]));
});
