import type { Message } from '@tpm/kernel';

export const RESOURCE_KINDS = ['material', 'equipment', 'venue', 'trainer'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface Booking {
  bookingId: string;
  sessionId: string | null;
  from: string;
  to: string;
  quantity: number;
}

/**
 * `businessUnitId`: the unit that owns the resource and books or releases it; null for the
 * organization's own (v1 events carry none and read as null, ADR 0018).
 */
export type TrainingResourceRegistered = Message<
  'TrainingResourceRegistered',
  { resourceId: string; businessUnitId: string | null; kind: ResourceKind; name: string; quantity: number; at: string }
>;
export type ResourceBooked = Message<'ResourceBooked', Booking & { resourceId: string; kind: ResourceKind; at: string }>;
export type ResourceBookingReleased = Message<'ResourceBookingReleased', { resourceId: string; bookingId: string; reason: string; at: string }>;

export type ResourceEvent = TrainingResourceRegistered | ResourceBooked | ResourceBookingReleased;
