import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { BUSINESS_UNIT_ID } from './business-unit.dto';
import { PERIOD, PERIOD_MESSAGE, RECORD_ID, RECORD_ID_MESSAGE, STAGES } from './performance-ids.dto';

export class RatingBandDto {
  @ApiProperty({ example: 'meets' }) @IsString() @Length(1, 40) name!: string;
  @ApiProperty({ example: 70 }) @IsNumber({ allowNaN: false, allowInfinity: false }) from!: number;
}

export class OpenAppraisalCycleRequest {
  @ApiProperty({ example: 'C-2027-SALES' }) @IsString() @Matches(RECORD_ID, { message: `cycleId ${RECORD_ID_MESSAGE}` }) cycleId!: string;
  @ApiProperty({ example: '2027' }) @IsString() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period!: string;
  @ApiProperty({ type: String, example: 'BU-SALES', nullable: true, description: 'The subtree in scope; null for the whole organization' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: 'businessUnitId is not a valid business-unit id' })
  businessUnitId!: string | null;
  @ApiPropertyOptional({ type: [RatingBandDto], description: 'Ascending from 0; defaults to unsatisfactory/below/meets/exceeds' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => RatingBandDto)
  bands?: RatingBandDto[];
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt({ message: 'rulesVersion must be a whole number' }) rulesVersion?: number;
}

export class AdvanceStageRequest {
  @ApiProperty({ enum: STAGES }) @IsIn(STAGES, { message: `to must be one of ${STAGES.join(', ')}` }) to!: (typeof STAGES)[number];
}

/** Weights of a what-if arrive as a free map: each key an objective id, each value a number of 0 or more. */
const invalidWeights = (weights: unknown): string[] =>
  Object.entries((weights ?? {}) as Record<string, unknown>)
    .filter(([k, v]) => !RECORD_ID.test(k) || typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    .map(([k]) => k);

const IsWeightMap = () =>
  ValidateBy({
    name: 'isWeightMap',
    validator: {
      validate: (v) => invalidWeights(v).length === 0,
      defaultMessage: (args) => invalidWeights(args?.value).map((k) => `weights.${k} must be a number of 0 or more for a valid objective id`).join('; '),
    },
  });

export class WhatIfRequest {
  @ApiPropertyOptional({ example: { 'O-REVENUE': 70, 'O-QUALITY': 30 }, description: 'Objective id -> weight; renormalized to 100 per employee' })
  @IsOptional()
  @IsObject()
  @IsWeightMap()
  weights?: Record<string, number>;
  @ApiPropertyOptional({ type: [RatingBandDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => RatingBandDto)
  bands?: RatingBandDto[];
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt({ message: 'rulesVersion must be a whole number' }) rulesVersion?: number;
}

