import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SCORING_METHOD_KINDS, type ScoringMethod, type ScoringMethodKind } from '@tpm/performance-domain';
import { RECORD_ID, RECORD_ID_MESSAGE } from './performance-ids.dto';

const finite = { allowNaN: false, allowInfinity: false };

export class AssignObjectiveRequest {
  @ApiProperty({ example: 'O-REVENUE' }) @IsString() @Matches(RECORD_ID, { message: `objectiveId ${RECORD_ID_MESSAGE}` }) objectiveId!: string;
  @ApiProperty({ example: 'Close new business' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ example: 60, description: 'Share of the scorecard, > 0 and <= 100; all weights sum to 100' })
  @IsNumber(finite, { message: 'weight must be a number' })
  weight!: number;
  @ApiPropertyOptional({ type: String, example: 'G-2027-REVENUE-SALES', nullable: true, description: 'The goal it serves; null shows it as an orphan' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(RECORD_ID, { message: `parentGoalId ${RECORD_ID_MESSAGE}` })
  parentGoalId?: string | null;
}

export class ThresholdBandDto {
  @ApiProperty({ example: 10 }) @IsNumber(finite) atLeast!: number;
  @ApiProperty({ example: 40 }) @IsNumber(finite) score!: number;
}

/** The union of the five methods, flat: `bands` for threshold bands, `anchors` for the anchored scale. */
export class ScoringMethodDto {
  @ApiProperty({ enum: SCORING_METHOD_KINDS })
  @IsIn(SCORING_METHOD_KINDS, { message: `method.kind must be one of ${SCORING_METHOD_KINDS.join(', ')}` })
  kind!: ScoringMethodKind;

  @ApiPropertyOptional({ type: [ThresholdBandDto] })
  @ValidateIf((o: ScoringMethodDto) => o.kind === 'threshold-bands')
  @IsArray({ message: 'bands are required for threshold-bands' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ThresholdBandDto)
  bands?: ThresholdBandDto[];

  @ApiPropertyOptional({ example: ['never', 'rarely', 'often', 'mostly', 'always'] })
  @ValidateIf((o: ScoringMethodDto) => o.kind === 'anchored-scale')
  @IsArray({ message: 'anchors (5 level descriptions) are required for anchored-scale' })
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  anchors?: string[];
}

export const toScoringMethod = (m: ScoringMethodDto): ScoringMethod => {
  switch (m.kind) {
    case 'threshold-bands':
      return { kind: m.kind, bands: (m.bands ?? []).map(({ atLeast, score }) => ({ atLeast, score })) };
    case 'anchored-scale':
      return { kind: m.kind, anchors: m.anchors ?? [] };
    default:
      return { kind: m.kind };
  }
};

export class DefineIndicatorRequest {
  @ApiProperty({ example: 'K-REVENUE' }) @IsString() @Matches(RECORD_ID, { message: `indicatorId ${RECORD_ID_MESSAGE}` }) indicatorId!: string;
  @ApiProperty({ example: 'New revenue' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 250 }) @IsNumber(finite, { message: 'target must be a number' }) target!: number;
  @ApiProperty({ example: 'kEUR' }) @IsString() @Length(1, 40) unit!: string;
  @ApiProperty({ type: ScoringMethodDto }) @ValidateNested() @Type(() => ScoringMethodDto) method!: ScoringMethodDto;
}

export class ObjectiveWeightDto {
  @ApiProperty() @IsString() @Matches(RECORD_ID, { message: `objectiveId ${RECORD_ID_MESSAGE}` }) objectiveId!: string;
  @ApiProperty() @IsNumber(finite, { message: 'weight must be a number' }) weight!: number;
}

export class AdjustWeightsRequest {
  @ApiProperty({ type: [ObjectiveWeightDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveWeightDto)
  weights!: ObjectiveWeightDto[];
}

export class ReportProgressRequest {
  @ApiProperty({ example: '2027-04' }) @IsString() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "month must look like '2027-04'" }) month!: string;
  @ApiProperty({ example: 120 }) @IsNumber(finite, { message: 'actual must be a number' }) actual!: number;
  @ApiProperty({ example: 'Two deals slipped to May' }) @IsString() @Length(0, 2000) comment!: string;
}

