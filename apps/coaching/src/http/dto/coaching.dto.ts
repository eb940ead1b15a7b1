import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COACHING_QUESTIONS, COACHING_STYLES } from '@tpm/coaching-domain';
import { DATE, ID, idMessage } from './ids.dto';

const CADENCES = ['weekly', 'biweekly', 'monthly'] as const;
const OUTCOMES = ['goals-met', 'partially-met', 'not-met', 'other'] as const;
const id = (field: string) => Matches(ID, { message: idMessage(field) });
const ids = (field: string) => Matches(ID, { each: true, message: idMessage(field) });
/** A calendar date that exists (2027-02-30 is refused here, not by the read model's date column). */
const date = (field: string) =>
  applyDecorators(Matches(DATE, { message: `${field} must be a date YYYY-MM-DD` }), IsISO8601({ strict: true }, { message: `${field} must be a date YYYY-MM-DD` }));
const TEXT = 4000;

export class StartEngagementRequest {
  @ApiProperty() @IsString() @id('engagementId') engagementId!: string;
  @ApiProperty() @IsString() @id('coacheeId') coacheeId!: string;
  @ApiPropertyOptional({ description: 'Default: the caller' }) @IsOptional() @IsString() @id('coachId') coachId?: string;
  @ApiProperty({ enum: ['manager', 'coach'] }) @IsIn(['manager', 'coach'], { message: 'coachKind must be manager or coach' }) coachKind!: 'manager' | 'coach';
  @ApiProperty({ type: [String], description: "The coachee's objective ids in performance" }) @IsArray() @ArrayMaxSize(50) @ids('goals[]') goals!: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @id('cycleId') cycleId?: string | null;
  @ApiProperty({ enum: CADENCES }) @IsIn(CADENCES, { message: `cadence must be one of ${CADENCES.join(', ')}` }) cadence!: (typeof CADENCES)[number];
}
export class CloseEngagementRequest {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` }) outcome!: (typeof OUTCOMES)[number];
}
export class OverrideStyleRequest {
  @ApiProperty({ enum: COACHING_STYLES }) @IsIn(COACHING_STYLES, { message: `style must be one of ${COACHING_STYLES.join(', ')}` }) style!: (typeof COACHING_STYLES)[number];
  @ApiProperty({ description: 'Mandatory: why the recommendation does not fit' }) @IsString() @Length(1, 2000) reason!: string;
}
export class EngagementsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @id('businessUnitId') businessUnitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @id('coacheeId') coacheeId?: string;
  @ApiPropertyOptional({ enum: ['active', 'paused', 'closed'] }) @IsOptional() @IsIn(['active', 'paused', 'closed'], { message: 'status must be active, paused or closed' }) status?: string;
}

export class ScheduleSessionRequest {
  @ApiProperty() @IsString() @id('sessionId') sessionId!: string;
  @ApiProperty() @IsString() @id('engagementId') engagementId!: string;
  @ApiProperty({ enum: ['ad-hoc', 'formal'] }) @IsIn(['ad-hoc', 'formal'], { message: 'kind must be ad-hoc or formal' }) kind!: 'ad-hoc' | 'formal';
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'scheduledFor must be an ISO-8601 instant' }) scheduledFor!: string;
}
export class TalkingPointRequest {
  @ApiProperty() @IsString() @id('pointId') pointId!: string;
  @ApiProperty() @IsString() @Length(1, TEXT) text!: string;
}
class AnswersDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) progress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'going-well'?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'to-improve'?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'on-track'?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'what-changes'?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'manager-support'?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'adjust-goals'?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) agreed?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) 'more-communication'?: string;
}
export class AnswersRequest {
  @ApiProperty({ type: AnswersDto, description: `Any of: ${COACHING_QUESTIONS.join(', ')}` }) @ValidateNested() @Type(() => AnswersDto) answers!: AnswersDto;
}
export class PraiseRequest {
  @ApiProperty() @IsString() @id('praiseId') praiseId!: string;
  @ApiProperty({ example: 'Prepared the client negotiation with a BATNA sheet' }) @IsString() @Length(1, TEXT) behaviour!: string;
  @ApiProperty({ example: 'In the Acme renewal she walked in with three fallback offers and kept the margin' }) @IsString() @Length(1, TEXT) example!: string;
}
export class ActionItemRequest {
  @ApiProperty() @IsString() @id('actionItemId') actionItemId!: string;
  @ApiProperty() @IsString() @Length(1, TEXT) text!: string;
  @ApiProperty() @IsString() @id('ownerId') ownerId!: string;
  @ApiProperty({ example: '2027-03-15' }) @IsString() @date('dueOn') dueOn!: string;
}
class ObjectiveProgressDto {
  @ApiProperty() @IsString() @id('objectiveProgress[].objectiveId') objectiveId!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) completion!: number;
}
export class HoldSessionRequest {
  @ApiProperty({ minimum: 1, maximum: 480 }) @IsInt() @Min(1) @Max(480) durationMinutes!: number;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(200) @ids('coveredPointIds[]') coveredPointIds!: string[];
  @ApiPropertyOptional({ type: [ObjectiveProgressDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ObjectiveProgressDto) objectiveProgress?: ObjectiveProgressDto[];
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }, { message: 'heldAt must be an ISO-8601 instant' }) heldAt?: string;
}
export class ReasonRequest {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

class ObstacleRequestDto {
  @ApiProperty({ enum: ['authority', 'resources'] }) @IsIn(['authority', 'resources'], { message: 'request.need must be authority or resources' }) need!: 'authority' | 'resources';
  @ApiProperty() @IsString() @id('request.assigneeId') assigneeId!: string;
  @ApiProperty() @IsString() @date('request.dueOn') dueOn!: string;
}
export class ReportDifficultyRequest {
  @ApiProperty() @IsString() @id('difficultyId') difficultyId!: string;
  @ApiProperty() @IsString() @id('engagementId') engagementId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @id('sessionId') sessionId?: string | null;
  @ApiProperty({ enum: ['skill-gap', 'external-obstacle'] }) @IsIn(['skill-gap', 'external-obstacle'], { message: 'kind must be skill-gap or external-obstacle' }) kind!: 'skill-gap' | 'external-obstacle';
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) competency?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 5 }) @IsOptional() @IsInt() @Min(0) @Max(5) currentLevel?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 5 }) @IsOptional() @IsInt() @Min(0) @Max(5) requiredLevel?: number;
  @ApiProperty() @IsString() @Length(1, TEXT) description!: string;
  @ApiPropertyOptional({ type: ObstacleRequestDto }) @IsOptional() @ValidateNested() @Type(() => ObstacleRequestDto) request?: ObstacleRequestDto;
}
export class AssignRequest {
  @ApiProperty() @IsString() @id('assigneeId') assigneeId!: string;
}
export class ResolutionRequest {
  @ApiProperty() @IsString() @Length(1, TEXT) resolution!: string;
}
export class DifficultiesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @id('businessUnitId') businessUnitId?: string;
  @ApiPropertyOptional({ enum: ['open', 'resolved'] }) @IsOptional() @IsIn(['open', 'resolved'], { message: 'status must be open or resolved' }) status?: string;
  @ApiPropertyOptional({ enum: ['skill-gap', 'external-obstacle'] }) @IsOptional() @IsIn(['skill-gap', 'external-obstacle'], { message: 'kind must be skill-gap or external-obstacle' }) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @id('assigneeId') assigneeId?: string;
}

export class WriteNoteRequest {
  @ApiProperty() @IsString() @id('noteId') noteId!: string;
  @ApiProperty() @IsString() @id('engagementId') engagementId!: string;
  @ApiProperty() @IsString() @Length(1, 20000) text!: string;
}
export class ReviseNoteRequest {
  @ApiProperty() @IsString() @Length(1, 20000) text!: string;
}

export class OpenReviewRequest {
  @ApiProperty() @IsString() @id('reviewId') reviewId!: string;
  @ApiPropertyOptional({ description: 'An employee form; omit for a department form' }) @IsOptional() @IsString() @id('employeeId') employeeId?: string;
  @ApiPropertyOptional({ description: 'The department of a department form' }) @IsOptional() @IsString() @id('businessUnitId') businessUnitId?: string;
  @ApiPropertyOptional({ description: 'Default: the caller' }) @IsOptional() @IsString() @id('reviewerId') reviewerId?: string;
  @ApiProperty({ example: '2027-03' }) @IsString() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month!: string;
  @ApiProperty({ example: '2027-04-05' }) @IsString() @date('dueOn') dueOn!: string;
}
class ReviewObjectiveDto {
  @ApiProperty() @IsString() @id('objectives[].objectiveId') objectiveId!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) completion!: number;
  @ApiProperty() @IsString() @Length(0, TEXT) mainGaps!: string;
}
export class SubmitReviewRequest {
  @ApiProperty({ type: [ReviewObjectiveDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ReviewObjectiveDto) objectives!: ReviewObjectiveDto[];
  @ApiProperty() @IsString() @Length(1, TEXT) lastMonthReport!: string;
  @ApiProperty() @IsString() @Length(1, TEXT) nextMonthPlan!: string;
  @ApiProperty() @IsString() @Length(0, TEXT) suggestions!: string;
  @ApiProperty() @IsString() @Length(1, TEXT) managerSummary!: string;
  @ApiProperty() @IsString() @Length(0, TEXT) expectations!: string;
}
export class ReviewsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @id('businessUnitId') businessUnitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ enum: ['open', 'submitted', 'cancelled'] }) @IsOptional() @IsIn(['open', 'submitted', 'cancelled'], { message: 'status must be open, submitted or cancelled' }) status?: string;
}
export class OverdueQuery {
  @ApiProperty() @IsString() @id('businessUnitId') businessUnitId!: string;
}

export class OpenPlanRequest {
  @ApiProperty() @IsString() @id('planId') planId!: string;
  @ApiProperty() @IsString() @id('employeeId') employeeId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 200) appraisalId?: string | null;
  @ApiProperty() @IsString() @Length(1, TEXT) reason!: string;
  @ApiProperty() @IsString() @date('endsOn') endsOn!: string;
}
export class PlanActionRequest {
  @ApiProperty() @IsString() @id('actionId') actionId!: string;
  @ApiProperty() @IsString() @Length(1, TEXT) text!: string;
  @ApiProperty() @IsString() @date('dueOn') dueOn!: string;
  @ApiProperty({ description: 'The support the organization gives' }) @IsString() @Length(0, TEXT) support!: string;
}
export class ProgressCheckRequest {
  @ApiProperty() @IsString() @id('checkId') checkId!: string;
  @ApiProperty() @IsBoolean() onTrack!: boolean;
  @ApiProperty() @IsString() @Length(0, TEXT) note!: string;
}
export class ExtendPlanRequest {
  @ApiProperty() @IsString() @date('endsOn') endsOn!: string;
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}
export class ClosePlanRequest {
  @ApiProperty({ enum: ['succeeded', 'failed'] }) @IsIn(['succeeded', 'failed'], { message: 'outcome must be succeeded or failed' }) outcome!: 'succeeded' | 'failed';
}
export class PlansQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @id('businessUnitId') businessUnitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @id('employeeId') employeeId?: string;
  @ApiPropertyOptional({ enum: ['opened', 'active', 'closed'] }) @IsOptional() @IsIn(['opened', 'active', 'closed'], { message: 'status must be opened, active or closed' }) status?: string;
}
