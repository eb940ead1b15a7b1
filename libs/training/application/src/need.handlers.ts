import { randomUUID } from 'node:crypto';
import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { needDecider, type NeedSource } from '@tpm/training-domain';
import { needStream } from './training.streams';

export interface IdentifyNeedInput {
  employeeId: string | null;
  businessUnitId: string;
  competency: string;
  currentLevel: number;
  requiredLevel: number;
  source: NeedSource;
  sourceRef: string | null;
  strategicWeight?: number;
}

/** From an appraisal gap, a coaching difficulty or a request: the stream dedupes per employee and competency. */
export class IdentifyNeedHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: IdentifyNeedInput, context: CommandContext): Promise<CommandResult & { needId: string | null }> {
    const at = this.clock.now().toISOString();
    const stream = needStream(input.employeeId, input.businessUnitId, input.competency);
    // A reaction derives the need id too (slot 1000, past any event's), so a redelivery names the same need.
    const needId = context.eventIdFor?.(1000) ?? randomUUID();
    const { result, state } = await execute(this.store, stream, needDecider)(() => ({ type: 'IdentifyNeed', data: { ...input, strategicWeight: input.strategicWeight ?? 1, needId, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return { ...result, needId: state.status === 'none' ? null : state.needId };
  }
}

export interface CloseNeedInput {
  employeeId: string | null;
  businessUnitId: string;
  competency: string;
}

export class MeetNeedHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: CloseNeedInput & { by: 'assessment' | 'program'; ref: string | null }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, needStream(input.employeeId, input.businessUnitId, input.competency), needDecider)(() => ({ type: 'MeetNeed', data: { by: input.by, ref: input.ref, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}

export class ObsoleteNeedHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: CloseNeedInput & { reason: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, needStream(input.employeeId, input.businessUnitId, input.competency), needDecider)(() => ({ type: 'ObsoleteNeed', data: { reason: input.reason, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}
