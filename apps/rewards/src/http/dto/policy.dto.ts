import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AsOfQuery, DATE, ID, idMessage } from './ids.dto';

export class BandRewardDto {
  @ApiProperty() @IsInt() @Min(1) @Max(10) minRank!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(200) bonusPercent!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(200) minPercent!: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(200) maxPercent!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) recognitionPoints!: number;
  @ApiProperty() @IsBoolean() promotionEligible!: boolean;
}
export class ApprovalStepDto {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('step') }) step!: string;
  @ApiProperty({ enum: ['manager', 'hr', 'executive'] }) @IsIn(['manager', 'hr', 'executive'], { message: 'role must be manager, hr or executive' }) role!: 'manager' | 'hr' | 'executive';
  @ApiProperty({ description: 'The step is needed when the amount is above this (the first step always)' }) @IsNumber() @Min(0) above!: number;
}
export class MissedGoalsDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(100) indicatorScoreBelow!: number;
  @ApiProperty() @IsBoolean() withholdBonus!: boolean;
  @ApiProperty() @IsBoolean() demotionReview!: boolean;
}
export class EligibilityDto {
  @ApiProperty() @IsInt() @Min(0) @Max(366) minTenureDays!: number;
  @ApiProperty() @IsBoolean() excludeFailedPlan!: boolean;
}
export class PromotionDto {
  @ApiProperty() @IsInt() @Min(1) @Max(10) minRank!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(10) consecutiveCycles!: number;
}
export class TransferDto {
  @ApiProperty() @IsInt() @Min(1) @Max(10) maxRank!: number;
}
export class PolicyRulesDto {
  @ApiProperty({ example: 'EUR' }) @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency!: string;
  @ApiProperty({ type: [BandRewardDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => BandRewardDto) bands!: BandRewardDto[];
  @ApiProperty() @IsInt() @Min(1) @Max(10) targetBandRank!: number;
  @ApiProperty({ type: MissedGoalsDto }) @ValidateNested() @Type(() => MissedGoalsDto) missedGoals!: MissedGoalsDto;
  @ApiProperty({ type: EligibilityDto }) @ValidateNested() @Type(() => EligibilityDto) eligibility!: EligibilityDto;
  @ApiProperty() @IsBoolean() prorate!: boolean;
  @ApiProperty() @IsNumber() @Min(0) budgetCap!: number;
  @ApiProperty({ example: '2028-03-31' }) @IsString() @Matches(DATE, { message: 'paymentDueOn must be a date (YYYY-MM-DD)' }) paymentDueOn!: string;
  @ApiProperty({ type: [ApprovalStepDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => ApprovalStepDto) approvalChain!: ApprovalStepDto[];
  @ApiProperty({ type: PromotionDto }) @ValidateNested() @Type(() => PromotionDto) promotion!: PromotionDto;
  @ApiPropertyOptional({ type: TransferDto, nullable: true }) @ValidateIf((_, v) => v !== null) @ValidateNested() @Type(() => TransferDto) transfer!: TransferDto | null;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) trainingRecognitionPoints!: number;
}

export class DefinePolicyRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('policyId') }) policyId!: string;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('cycleId') }) cycleId!: string;
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiProperty({ example: '2027-01-01' }) @IsString() @Matches(DATE, { message: 'effectiveFrom must be a date (YYYY-MM-DD)' }) effectiveFrom!: string;
  @ApiProperty({ type: PolicyRulesDto }) @ValidateNested() @Type(() => PolicyRulesDto) rules!: PolicyRulesDto;
}

export class PublishPolicyVersionRequest {
  @ApiProperty({ example: '2027-07-01' }) @IsString() @Matches(DATE, { message: 'effectiveFrom must be a date (YYYY-MM-DD)' }) effectiveFrom!: string;
  @ApiProperty({ type: PolicyRulesDto }) @ValidateNested() @Type(() => PolicyRulesDto) rules!: PolicyRulesDto;
}

export class PolicyInForceQuery {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: idMessage('cycleId') }) cycleId?: string;
  @ApiPropertyOptional({ description: 'The date (default today)' }) @IsOptional() @IsString() @Matches(DATE, { message: 'on must be a date (YYYY-MM-DD)' }) on?: string;
}

export class MeasureEffectRequest {
  @ApiPropertyOptional({ description: 'A unit of the policy’s subtree (default: the policy’s own unit)' }) @IsOptional() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId?: string;
}
export class EffectQuery extends AsOfQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId?: string;
}
