import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsLifecycle } from '../projections.lifecycle';

@ApiTags('projections')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsLifecycle) {}

  @Get()
  @ApiOkResponse({ description: 'Each projection: active/standby, checkpoint and lag per partition, last error' })
  list() {
    return this.projections.statuses();
  }
}
