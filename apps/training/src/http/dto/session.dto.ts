import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ID, idMessage } from './ids.dto';

export class ScheduleSessionRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('sessionId') }) sessionId!: string;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('programId') }) programId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID, { message: idMessage('planId') }) planId?: string | null;
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('businessUnitId') }) businessUnitId!: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO-8601 instant' }) startsAt!: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO-8601 instant' }) endsAt!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(100) meetings!: number;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(10000) capacity!: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID, { message: idMessage('venueId') }) venueId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID, { message: idMessage('trainerId') }) trainerId?: string | null;
  @ApiPropertyOptional({ default: false, description: 'employees of units outside the session unit may enrol' }) @IsOptional() @IsBoolean() openToOtherUnits?: boolean;
}

export class CancelSessionRequest {
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class EnrolRequest {
  @ApiPropertyOptional({ description: 'defaults to the caller when they are an employee' }) @IsOptional() @IsString() @Matches(ID, { message: idMessage('employeeId') }) employeeId?: string;
}

export class AttendanceRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('employeeId') }) employeeId!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) meeting!: number;
  @ApiProperty() @IsBoolean() present!: boolean;
}

export class ExamScoreRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('employeeId') }) employeeId!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) score!: number;
}

class AnswerDto {
  @ApiProperty() @IsString() @Length(1, 200) question!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating!: number;
}

export class ReactionRequest {
  @ApiProperty({ type: [AnswerDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AnswerDto) answers!: AnswerDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) comment?: string;
}

export class LearningTestRequest {
  @ApiProperty({ enum: ['pre', 'post'] }) @IsIn(['pre', 'post'], { message: 'phase must be pre or post' }) phase!: 'pre' | 'post';
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) score!: number;
}

export class BehaviourRequest {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating!: number;
  @ApiProperty() @IsBoolean() applied!: boolean;
  @ApiProperty() @IsString() @Length(0, 2000) notes!: string;
}

export class FollowUpCheckRequest {
  @ApiProperty({ enum: [30, 60, 90] }) @IsIn([30, 60, 90], { message: 'day must be 30, 60 or 90' }) day!: number;
  @ApiProperty() @IsBoolean() applied!: boolean;
  @ApiProperty() @IsString() @Length(1, 2000) support!: string;
}
