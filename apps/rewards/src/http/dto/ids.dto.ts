import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const idMessage = (field: string) => `${field} must be 1-64 letters, digits, dots, underscores or dashes`;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PolicyParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('policyId') }) policyId!: string;
}
export class ProposalParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('proposalId') }) proposalId!: string;
}
export class GrantParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('grantId') }) grantId!: string;
}
export class EmployeeParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('employeeId') }) employeeId!: string;
}
export class BudgetParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('cycleId') }) cycleId!: string;
}
/** Every GET of a rewards aggregate answers as of a past instant when asked. */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'ISO-8601 instant: the record as it was then' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 instant' })
  asOf?: string;
}
