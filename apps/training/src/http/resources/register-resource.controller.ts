import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { RegisterResourceHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { RegisterResourceRequest } from '../dto/resource.dto';

/** Step 4, resources: each bookable, a venue or trainer never double-booked. */
@ApiTags('training: resources')
@Controller('training/resources')
export class RegisterResourceController {
  constructor(private readonly register: RegisterResourceHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write', { absent: 'organization-root' }))
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: RegisterResourceRequest, @Ctx() ctx: RequestContext) {
    return this.register.handle({ ...body, businessUnitId: body.businessUnitId ?? null, quantity: body.quantity ?? 1 }, ctx);
  }
}
