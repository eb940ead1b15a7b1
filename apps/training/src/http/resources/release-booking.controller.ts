import { Controller, Delete, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ReleaseBookingHandler } from '@tpm/training-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { BookingParam } from '../dto/ids.dto';
import { resourceScope } from '../scope/resource-unit.resolver';
import { ReleaseBookingQuery } from '../dto/resource.dto';

@ApiTags('training: resources')
@Controller('training/resources/:resourceId/bookings/:bookingId')
export class ReleaseBookingController {
  constructor(private readonly release: ReleaseBookingHandler) {}

  @Delete()
  @Roles('hr', 'admin')
  @RecordScope(resourceScope('write'))
  free(@Param() p: BookingParam, @Query() q: ReleaseBookingQuery, @Ctx() ctx: RequestContext) {
    return this.release.handle({ resourceId: p.resourceId, bookingId: p.bookingId, reason: q.reason ?? 'released' }, ctx);
  }
}
