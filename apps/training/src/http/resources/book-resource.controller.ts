import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { BookResourceHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ResourceParam } from '../dto/ids.dto';
import { resourceScope } from '../scope/resource-unit.resolver';
import { BookResourceRequest } from '../dto/resource.dto';

@ApiTags('training: resources')
@Controller('training/resources/:resourceId/bookings')
export class BookResourceController {
  constructor(private readonly book: BookResourceHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(resourceScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'RESOURCE_DOUBLE_BOOKED' })
  bookIt(@Param() p: ResourceParam, @Body() body: BookResourceRequest, @Ctx() ctx: RequestContext) {
    return this.book.handle({ resourceId: p.resourceId, bookingId: body.bookingId, sessionId: body.sessionId ?? null, from: body.from, to: body.to, quantity: body.quantity ?? 1 }, ctx);
  }
}
