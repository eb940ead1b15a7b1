import { Body, Controller, Delete, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { BookResourceHandler, RegisterResourceHandler, ReleaseBookingHandler, resourceStream } from '@tpm/training-application';
import { resourceDecider, ResourceNotFound } from '@tpm/training-domain';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { BookingParam, ResourceParam } from './dto/ids.dto';
import { BookResourceRequest, RegisterResourceRequest, ReleaseBookingQuery } from './dto/resource.dto';

/** Step 4, resources: each bookable, a venue or trainer never double-booked. */
@ApiTags('training: resources')
@Controller('training/resources')
export class ResourcesController {
  constructor(
    private readonly register: RegisterResourceHandler,
    private readonly book: BookResourceHandler,
    private readonly release: ReleaseBookingHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: RegisterResourceRequest, @Ctx() ctx: RequestContext) {
    return this.register.handle({ ...body, quantity: body.quantity ?? 1 }, ctx);
  }

  @Post(':resourceId/bookings')
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'RESOURCE_DOUBLE_BOOKED' })
  bookIt(@Param() p: ResourceParam, @Body() body: BookResourceRequest, @Ctx() ctx: RequestContext) {
    return this.book.handle({ resourceId: p.resourceId, bookingId: body.bookingId, sessionId: body.sessionId ?? null, from: body.from, to: body.to, quantity: body.quantity ?? 1 }, ctx);
  }

  @Delete(':resourceId/bookings/:bookingId')
  @Roles('hr', 'admin')
  free(@Param() p: BookingParam, @Query() q: ReleaseBookingQuery, @Ctx() ctx: RequestContext) {
    return this.release.handle({ resourceId: p.resourceId, bookingId: p.bookingId, reason: q.reason ?? 'released' }, ctx);
  }

  @Get(':resourceId')
  @Roles('hr', 'manager', 'trainer', 'admin')
  async get(@Param() p: ResourceParam) {
    const { state } = await this.store.aggregate(resourceStream(p.resourceId), resourceDecider);
    if (state.status === 'new') throw new ResourceNotFound(p.resourceId);
    return state;
  }
}
