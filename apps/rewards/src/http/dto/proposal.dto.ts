import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DATE, ID, idMessage } from './ids.dto';

export class AdjustProposalRequest {
  @ApiProperty() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) amount!: number;
  @ApiProperty() @IsString() @Length(3, 1000) reason!: string;
}
export class RejectProposalRequest {
  @ApiProperty() @IsString() @Length(3, 1000) reason!: string;
}
export class ProposalsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: idMessage('cycleId') }) cycleId?: string;
  @ApiPropertyOptional({ enum: ['proposed', 'in-approval', 'approved', 'rejected', 'withdrawn', 'ineligible'] })
  @IsOptional()
  @IsIn(['proposed', 'in-approval', 'approved', 'rejected', 'withdrawn', 'ineligible'], { message: 'status must be proposed, in-approval, approved, rejected, withdrawn or ineligible' })
  status?: string;
  @ApiPropertyOptional({ maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
export class PayGrantRequest {
  @ApiProperty({ example: '2028-03-15' }) @IsString() @Matches(DATE, { message: 'paidOn must be a date (YYYY-MM-DD)' }) paidOn!: string;
}
export class RevokeGrantRequest {
  @ApiProperty() @IsString() @Length(3, 1000) reason!: string;
}
export class RateRewardRequest {
  @ApiPropertyOptional({ description: 'Yours by default' }) @IsOptional() @IsString() @Matches(ID, { message: idMessage('employeeId') }) employeeId?: string;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('cycleId') }) cycleId!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) comment?: string;
}
