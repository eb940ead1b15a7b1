import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { EMPLOYEE_NUMBER } from '../dto/employee.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';

const EMPLOYEE_NUMBER_MESSAGE = 'must be 1-64 letters, digits, dots, underscores or dashes';

class FeedbackFields {
  @ApiProperty({ description: 'Idempotency key chosen by the client (UUID): a retry with the same key writes nothing twice' })
  @IsUUID('all', { message: 'feedbackId must be a UUID' })
  feedbackId!: string;
  @ApiProperty({ enum: ['peer', 'upward'], description: 'peer: an approved nominee; upward: a direct report of the reviewee' })
  @IsIn(['peer', 'upward'], { message: 'relation must be peer or upward' })
  relation!: 'peer' | 'upward';
  @ApiProperty({ example: 4 }) @IsInt() rating!: number;
  @ApiProperty() @IsString() @Length(1, 5000) comment!: string;
}

/** Named 360 feedback. Anonymous feedback has its own route, which keeps no trace of the request. */
export class NamedFeedbackRequest extends FeedbackFields {
  @ApiPropertyOptional({ description: 'Must be false when given: anonymous feedback goes to …/anonymous-feedback', default: false })
  @IsOptional()
  @Equals(false, { message: 'anonymous feedback goes to …/anonymous-feedback, the route that keeps no trace of the caller' })
  anonymous?: boolean;
}

export class AnonymousFeedbackRequest extends FeedbackFields {}

export class NominationRequest {
  @ApiProperty({ example: 'E-1042', description: 'The colleague (any unit) put forward as a 360 reviewer' })
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: `reviewerEmployeeNumber ${EMPLOYEE_NUMBER_MESSAGE}` })
  reviewerEmployeeNumber!: string;
}

export class NominationParam extends AppraisalParam {
  @IsString() @Matches(EMPLOYEE_NUMBER, { message: `reviewerEmployeeNumber ${EMPLOYEE_NUMBER_MESSAGE}` }) reviewerEmployeeNumber!: string;
}
