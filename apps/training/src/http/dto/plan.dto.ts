import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNumber, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ID, idMessage } from './ids.dto';

class TimelineDto {
  @ApiProperty({ example: '2027-02-01' }) @IsISO8601({ strict: true }, { message: 'timeline.from must be an ISO-8601 date' }) from!: string;
  @ApiProperty({ example: '2027-06-30' }) @IsISO8601({ strict: true }, { message: 'timeline.to must be an ISO-8601 date' }) to!: string;
}
class AudienceDto {
  @ApiProperty({ enum: ['management', 'staff', 'all'] }) @IsIn(['management', 'staff', 'all']) level!: 'management' | 'staff' | 'all';
  @ApiProperty() @IsString() @Length(0, 500) description!: string;
}

export class PlanContentDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 500, { each: true }) objectives!: string[];
  @ApiProperty() @IsString() @Length(1, 5000) content!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) format!: string[];
  @ApiProperty({ type: TimelineDto }) @ValidateNested() @Type(() => TimelineDto) timeline!: TimelineDto;
  @ApiProperty({ minimum: 0 }) @IsNumber() @Min(0) budget!: number;
  @ApiProperty({ example: 'EUR' }) @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' }) currency!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) trainers!: string[];
  @ApiProperty({ type: AudienceDto }) @ValidateNested() @Type(() => AudienceDto) audience!: AudienceDto;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(100) @Matches(ID, { each: true, message: idMessage('programIds[]') }) programIds!: string[];
}

export class DraftPlanRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('planId') }) planId!: string;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiProperty({ example: '2027' }) @IsString() @Length(1, 20) period!: string;
  @ApiProperty({ type: PlanContentDto }) @ValidateNested() @Type(() => PlanContentDto) content!: PlanContentDto;
}

export class RevisePlanRequest {
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
  @ApiProperty({ type: PlanContentDto }) @ValidateNested() @Type(() => PlanContentDto) content!: PlanContentDto;
}

export class RecordSpendRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('spendId') }) spendId!: string;
  @ApiProperty({ minimum: 0.01 }) @IsNumber() @Min(0.01) amount!: number;
  @ApiProperty() @IsString() @Length(1, 500) description!: string;
}
