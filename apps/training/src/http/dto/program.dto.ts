import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { TRAINING_METHODS, type TrainingMethod } from '@tpm/training-domain';
import { ID, idMessage } from './ids.dto';

export class CriteriaDto {
  @ApiProperty({ minimum: 0.01, maximum: 1 }) @IsNumber() @Min(0.01) @Max(1) minAttendanceShare!: number;
  @ApiProperty({ nullable: true, minimum: 0, maximum: 100 }) @ValidateIf((_, v) => v !== null) @IsNumber() @Min(0) @Max(100) minExamScore!: number | null;
}

export class DefineProgramRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('programId') }) programId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'the owning unit; absent or null: the organization (needs scope over its root)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(ID, { message: idMessage('businessUnitId') })
  businessUnitId?: string | null;
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true }) competencies!: string[];
  @ApiProperty({ enum: TRAINING_METHODS }) @IsIn(TRAINING_METHODS, { message: `method must be one of ${TRAINING_METHODS.join(', ')}` }) method!: TrainingMethod;
  @ApiProperty({ enum: ['management', 'staff'] }) @IsIn(['management', 'staff'], { message: 'audienceLevel must be management or staff' }) audienceLevel!: 'management' | 'staff';
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @Matches(ID, { each: true, message: idMessage('prerequisites[]') }) prerequisites!: string[];
  @ApiProperty({ type: CriteriaDto }) @ValidateNested() @Type(() => CriteriaDto) criteria!: CriteriaDto;
}

export class ProgramChangesDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(1) @IsString({ each: true }) competencies?: string[];
  @ApiPropertyOptional({ enum: TRAINING_METHODS }) @IsOptional() @IsIn(TRAINING_METHODS, { message: 'method is not a training method' }) method?: TrainingMethod;
  @ApiPropertyOptional({ enum: ['management', 'staff'] }) @IsOptional() @IsIn(['management', 'staff']) audienceLevel?: 'management' | 'staff';
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @Matches(ID, { each: true, message: idMessage('prerequisites[]') }) prerequisites?: string[];
  @ApiPropertyOptional({ type: CriteriaDto }) @IsOptional() @ValidateNested() @Type(() => CriteriaDto) criteria?: CriteriaDto;
}

export class ReviseProgramRequest {
  @ApiProperty({ type: ProgramChangesDto }) @ValidateNested() @Type(() => ProgramChangesDto) changes!: ProgramChangesDto;
}

export class ImprovementActionRequest {
  @ApiProperty() @IsString() @Length(1, 1000) description!: string;
  @ApiProperty() @IsString() @Length(1, 100) owner!: string;
}
