import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';

// The facts ADR 0014 rests on, kept as a test so that a Nest upgrade that changes them shows.

/** The smallest custom transport: dispatches like the inbox would, awaiting the handler itself. */
class RecordingTransport extends Server implements CustomTransportStrategy {
  listened = 0;
  listen(callback: () => void) {
    this.listened++;
    callback();
  }
  close() {}
  on(): never {
    throw new Error('no events');
  }
  unwrap<T>(): T {
    throw new Error('no client');
  }
  async dispatch(pattern: string, envelope: unknown, ctx: unknown): Promise<unknown> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`no handler for ${pattern}`);
    return lastValueFrom(this.transformToObservable(await handler(envelope, ctx)), { defaultValue: undefined });
  }
}

const seen: unknown[] = [];
@Controller()
class Reactions {
  @EventPattern('spike.Ok') ok(@Payload() envelope: unknown, @Ctx() ctx: unknown) {
    seen.push({ envelope, ctx });
  }
  @EventPattern('spike.Failing') async failing() {
    throw new Error('boom: the real cause');
  }
}
@Module({ controllers: [Reactions] })
class SpikeModule {}

describe('@nestjs/microservices custom transport (ADR 0014)', () => {
  it('registers handlers at init, listens only on startAllMicroservices, and hides a handler error behind the default RPC filter', async () => {
    const app = await NestFactory.create(SpikeModule, { logger: false });
    const strategy = new RecordingTransport();
    app.connectMicroservice({ strategy });
    await app.init();
    expect([...strategy.getHandlers().keys()]).toEqual(['spike.Ok', 'spike.Failing']);
    expect(strategy.listened).toBe(0); // app.init() alone (as tests boot apps) never starts a consumer
    await app.startAllMicroservices();
    expect(strategy.listened).toBe(1);

    await strategy.dispatch('spike.Ok', { a: 1 }, { tx: 'client' });
    expect(seen).toEqual([{ envelope: { a: 1 }, ctx: { tx: 'client' } }]); // @Payload and @Ctx are the two arguments

    // The rejection reaches the caller (so an inbox would roll back and retry), but not the cause:
    // the dead letter would say "Internal server error".
    await expect(strategy.dispatch('spike.Failing', {}, {})).rejects.toEqual({ status: 'error', message: 'Internal server error' });
    await app.close();
  });
});
