import type { Message } from '@tpm/kernel';
import type { Booking, ResourceKind } from './resource.events';

export type RegisterResource = Message<'RegisterResource', { resourceId: string; businessUnitId: string | null; kind: ResourceKind; name: string; quantity: number; at: string }>;
export type BookResource = Message<'BookResource', Booking & { resourceId: string; at: string }>;
export type ReleaseBooking = Message<'ReleaseBooking', { resourceId: string; bookingId: string; reason: string; at: string }>;
export type ResourceCommand = RegisterResource | BookResource | ReleaseBooking;
