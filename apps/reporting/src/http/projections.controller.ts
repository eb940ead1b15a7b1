import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ProjectionsLifecycle } from '../projections.lifecycle';

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsLifecycle) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: 'Each projection: active/standby, checkpoint and lag per partition, last error' })
  list() {
    return this.projections.statuses();
  }
}
