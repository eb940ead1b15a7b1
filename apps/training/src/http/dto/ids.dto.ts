import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** Client-chosen ids make creation idempotent: a retried POST names the same aggregate. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const idMessage = (field: string) => `${field} must be 1-64 letters, digits, dots, underscores or dashes`;

export class SessionParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('sessionId') }) sessionId!: string;
}
export class SessionEmployeeParam extends SessionParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('employeeId') }) employeeId!: string;
}
export class PlanParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('planId') }) planId!: string;
}
export class ProgramParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('programId') }) programId!: string;
}
export class ReviewParam extends ProgramParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('reviewId') }) reviewId!: string;
}
export class ResourceParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('resourceId') }) resourceId!: string;
}
export class BookingParam extends ResourceParam {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('bookingId') }) bookingId!: string;
}
