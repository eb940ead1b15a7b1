import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { TrainingLifecycle } from './training.lifecycle';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly lifecycle: TrainingLifecycle) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: 'Each projection and the process manager: active/standby, checkpoint and lag, last error' })
  list() {
    return this.lifecycle.statuses();
  }
}
