import { SetMetadata } from '@nestjs/common';

export const HANDLES_EVENT = 'tpm:handles-event';

/** Marks a provider method as the reaction to a published event type (e.g. 'performance.EmployeeOnboarded'). */
export const HandlesEvent = (type: string) => SetMetadata(HANDLES_EVENT, type);
