import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ObsoleteNeedHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { CloseNeedRequest } from '../dto/need.dto';
import { needScope } from './need.scope';

@ApiTags('training: needs')
@Controller('training/needs/obsolete')
export class ObsoleteNeedController {
  constructor(private readonly obsolete: ObsoleteNeedHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @RecordScope(...needScope)
  @ApiUnprocessableEntityResponse({ type: ApiError })
  close(@Body() body: CloseNeedRequest, @Ctx() ctx: RequestContext) {
    return this.obsolete.handle(body, ctx);
  }
}
