import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

/** Client-chosen ids make creation idempotent: a retried POST names the same aggregate. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const idMessage = (field: string) => `${field} must be 1-64 letters, digits, dots, underscores or dashes`;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EngagementParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('engagementId') }) engagementId!: string;
}
export class SessionParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('sessionId') }) sessionId!: string;
}
export class ActionItemParam extends SessionParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('actionItemId') }) actionItemId!: string;
}
export class DifficultyParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('difficultyId') }) difficultyId!: string;
}
export class NoteParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('noteId') }) noteId!: string;
}
export class ReviewParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('reviewId') }) reviewId!: string;
}
export class PlanParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('planId') }) planId!: string;
}
export class PlanActionParam extends PlanParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('actionId') }) actionId!: string;
}

/** `?asOf=`: the aggregate as the system knew it at that instant. */
export class AsOfQuery {
  @ApiPropertyOptional({ example: '2027-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 instant' })
  asOf?: string;
}
