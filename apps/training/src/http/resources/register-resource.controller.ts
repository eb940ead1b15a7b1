import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { RegisterResourceHandler } from '@tpm/training-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { RegisterResourceRequest } from '../dto/resource.dto';

/** Step 4, resources: each bookable, a venue or trainer never double-booked. */
@ApiTags('training: resources')
@Controller('training/resources')
export class RegisterResourceController {
  constructor(private readonly register: RegisterResourceHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: RegisterResourceRequest, @Ctx() ctx: RequestContext) {
    return this.register.handle({ ...body, quantity: body.quantity ?? 1 }, ctx);
  }
}
