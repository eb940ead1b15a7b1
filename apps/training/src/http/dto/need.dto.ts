import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { Type } from 'class-transformer';
import { ID, idMessage } from './ids.dto';

/** Appraisal and coaching needs arrive as events; people raise the other three. */
const REQUESTED_SOURCES = ['manager-request', 'strategic-goal', 'self-request'] as const;

export class IdentifyNeedRequest {
  @ApiPropertyOptional({ nullable: true, description: 'null for a need of the whole business unit' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(ID, { message: idMessage('employeeId') })
  employeeId!: string | null;

  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiProperty({ example: 'Negotiation' }) @IsString() @Length(1, 100) competency!: string;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) currentLevel!: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5) requiredLevel!: number;
  @ApiProperty({ enum: REQUESTED_SOURCES }) @IsIn(REQUESTED_SOURCES, { message: `source must be one of ${REQUESTED_SOURCES.join(', ')}` }) source!: (typeof REQUESTED_SOURCES)[number];
  @ApiPropertyOptional({ minimum: 0.1, maximum: 5, default: 1 }) @IsOptional() @IsNumber() @Min(0.1) @Max(5) strategicWeight?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) sourceRef?: string;
}

export class CloseNeedRequest {
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(ID, { message: idMessage('employeeId') })
  employeeId!: string | null;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiProperty() @IsString() @Length(1, 100) competency!: string;
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class NeedsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId?: string;
  @ApiPropertyOptional({ enum: ['open', 'met', 'obsolete'] }) @IsOptional() @IsIn(['open', 'met', 'obsolete'], { message: 'status must be open, met or obsolete' }) status?: string;
  @ApiPropertyOptional({ enum: ['priority', 'identifiedAt'] }) @IsOptional() @IsIn(['priority', 'identifiedAt'], { message: 'sort must be priority or identifiedAt' }) sort?: 'priority' | 'identifiedAt';
  @ApiPropertyOptional({ maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
