import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { EMPLOYEE_NUMBER } from './employee.dto';
import { RECORD_ID, RECORD_ID_MESSAGE } from './performance-ids.dto';

export class SelfRatingDto {
  @ApiProperty({ example: 'negotiation' }) @IsString() @Length(1, 100) competency!: string;
  @ApiProperty({ example: 3 }) @IsInt() rating!: number;
}

export class SelfAssessmentRequest {
  @ApiProperty({ example: 'I closed the two largest deals of the unit' }) @IsString() @Length(1, 5000) comment!: string;
  @ApiPropertyOptional({ type: [SelfRatingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SelfRatingDto)
  ratings?: SelfRatingDto[];
}

export class DelegateAssessmentRequest {
  @ApiProperty({ example: 'E-0042' })
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: 'delegateEmployeeNumber must be 1-64 letters, digits, dots, underscores or dashes' })
  delegateEmployeeNumber!: string;
}

export class IndicatorResultDto {
  @ApiProperty({ example: 'K-REVENUE' }) @IsString() @Matches(RECORD_ID, { message: `indicatorId ${RECORD_ID_MESSAGE}` }) indicatorId!: string;
  @ApiProperty({ example: 230, description: 'The actual value on the indicator scale (milestone 0/1, anchored scale 1-5)' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'actual must be a number' })
  actual!: number;
}

export class CompetencyRatingDto {
  @ApiProperty({ example: 'negotiation' }) @IsString() @Length(1, 100) competency!: string;
  @ApiProperty({ example: 2 }) @IsInt() rating!: number;
  @ApiProperty({ example: 4 }) @IsInt() requiredLevel!: number;
}

export class ManagerAssessmentRequest {
  @ApiProperty({ type: [IndicatorResultDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IndicatorResultDto)
  results!: IndicatorResultDto[];
  @ApiProperty({ type: [CompetencyRatingDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CompetencyRatingDto)
  competencies!: CompetencyRatingDto[];
  @ApiProperty({ enum: ['low', 'medium', 'high'], description: 'Potential, the second axis of the 9-box' })
  @IsIn(['low', 'medium', 'high'], { message: 'potential must be low, medium or high' })
  potential!: 'low' | 'medium' | 'high';
  @ApiProperty() @IsString() @Length(0, 5000) comment!: string;
}

export class PeerFeedbackRequest {
  @ApiProperty({ description: 'Idempotency key chosen by the client (UUID)' }) @IsUUID('all', { message: 'feedbackId must be a UUID' }) feedbackId!: string;
  @ApiProperty({ enum: ['peer', 'upward'] }) @IsIn(['peer', 'upward'], { message: 'relation must be peer or upward' }) relation!: 'peer' | 'upward';
  @ApiProperty({ description: 'When true, nobody (not even the event log) records who wrote it' }) @IsBoolean() anonymous!: boolean;
  @ApiProperty({ example: 4 }) @IsInt() rating!: number;
  @ApiProperty() @IsString() @Length(1, 5000) comment!: string;
}

export class CalibrationRequest {
  @ApiProperty({ example: 'exceeds' }) @IsString() @Length(1, 40) toBand!: string;
  @ApiProperty({ example: 'Compared with peers of the unit, impact was understated' }) @IsString() @Length(1, 2000) reason!: string;
}

export class DisputeRequest {
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}

export class ResolveDisputeRequest {
  @ApiProperty({ enum: ['upheld', 'amended'] }) @IsIn(['upheld', 'amended'], { message: 'resolution must be upheld or amended' }) resolution!: 'upheld' | 'amended';
  @ApiPropertyOptional({ nullable: true, description: 'The new band when amended' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 40)
  toBand?: string | null;
  @ApiProperty() @IsString() @Length(1, 5000) note!: string;
}
