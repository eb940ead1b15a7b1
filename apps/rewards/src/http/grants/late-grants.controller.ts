import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReadableUnits, Roles } from '@tpm/auth';
import { RewardsQueries } from '@tpm/rewards-infrastructure';

@ApiTags('rewards: grants')
@Controller('rewards/late-grants')
export class LateGrantsController {
  constructor(private readonly queries: RewardsQueries) {}

  @Get()
  @Roles('hr', 'executive', 'auditor', 'admin')
  @ApiOkResponse({ description: 'Grants flagged late by the due-date deadline, or paid after their due date, in the units in scope' })
  list(@ReadableUnits() readable: string[] | null) {
    return this.queries.lateGrants(readable);
  }
}
