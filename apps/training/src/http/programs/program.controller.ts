import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReadableUnits, Roles } from '@tpm/auth';
import { RecordScope } from '@tpm/service-kit';
import { ProgramParam } from '../dto/ids.dto';
import { programScope } from '../scope/program-unit.resolver';
import { ProgramEvaluationsQuery } from './program-evaluations.query';

@ApiTags('training: programs')
@Controller('training/programs/:programId')
export class ProgramController {
  constructor(private readonly programs: ProgramEvaluationsQuery) {}

  @Get()
  @Roles('employee', 'manager', 'hr', 'trainer', 'coach', 'executive', 'analyst', 'admin')
  // The definition is the catalogue every role browses (shared on purpose, ADR 0018); its figures are not.
  get(@Param() p: ProgramParam) {
    return this.programs.program(p.programId);
  }

  @Get('evaluations')
  @Roles('hr', 'manager', 'trainer', 'executive', 'analyst', 'admin')
  @RecordScope(programScope('read'))
  @ApiOkResponse({ description: 'Kirkpatrick L1 average, L2 average gain, L3 average rating' })
  evaluations(@Param() p: ProgramParam) {
    return this.programs.evaluations(p.programId);
  }

  @Get('effectiveness')
  @Roles('hr', 'manager', 'executive', 'analyst', 'admin')
  @RecordScope(programScope('read'))
  @ApiOkResponse({ description: 'Kirkpatrick L4: appraisal change of trained employees against untrained peers of the same unit and band' })
  effectiveness(@Param() p: ProgramParam, @ReadableUnits() readable: string[] | null) {
    return this.programs.effectiveness(p.programId, readable);
  }
}
