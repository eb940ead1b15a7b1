import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { EMPLOYEE_NUMBER } from './employee.dto';

/** Ids of goals, objectives, indicators and cycles: chosen by the client, short, no spaces or slashes. */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const RECORD_ID_MESSAGE = 'must be 1-64 letters, digits, dots, underscores or dashes';
/** A year, a half, a quarter or a month: '2027', '2027-H1', '2027-Q3', '2027-04'. */
export const PERIOD = /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;
export const PERIOD_MESSAGE = "period must look like '2027', '2027-H1', '2027-Q3' or '2027-04'";

export class GoalParam {
  @IsString() @Matches(RECORD_ID, { message: `goalId ${RECORD_ID_MESSAGE}` }) goalId!: string;
}

export class CycleParam {
  @IsString() @Matches(RECORD_ID, { message: `cycleId ${RECORD_ID_MESSAGE}` }) cycleId!: string;
}

export class AppraisalParam extends CycleParam {
  @IsString() @Matches(EMPLOYEE_NUMBER, { message: 'employeeNumber must be 1-64 letters, digits, dots, underscores or dashes' }) employeeNumber!: string;
}

export class ScorecardParam {
  @IsString() @Matches(EMPLOYEE_NUMBER, { message: 'employeeNumber must be 1-64 letters, digits, dots, underscores or dashes' }) employeeNumber!: string;
  @IsString() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period!: string;
}

export class ObjectiveParam extends ScorecardParam {
  @IsString() @Matches(RECORD_ID, { message: `objectiveId ${RECORD_ID_MESSAGE}` }) objectiveId!: string;
}

export class PeriodQuery {
  @ApiPropertyOptional({ example: '2027' }) @IsString() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period!: string;
}

export const STAGES = ['planning', 'execution', 'review', 'calibration', 'feedback', 'closed'] as const;
export class StageQuery {
  @IsOptional() @IsIn(STAGES) stage?: string;
}
