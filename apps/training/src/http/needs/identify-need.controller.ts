import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { IdentifyNeedHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { IdentifyNeedRequest } from '../dto/need.dto';
import { needScope } from './need.scope';

@ApiTags('training: needs')
@Controller('training/needs')
export class IdentifyNeedController {
  constructor(private readonly identify: IdentifyNeedHandler) {}

  @Post()
  @Roles('manager', 'hr', 'employee', 'admin')
  @RecordScope(...needScope)
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: IdentifyNeedRequest, @Ctx() ctx: RequestContext) {
    return this.identify.handle({ ...body, sourceRef: body.sourceRef ?? null }, ctx);
  }
}
