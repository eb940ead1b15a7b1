import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { RESOURCE_KINDS, type ResourceKind } from '@tpm/training-domain';
import { ID, idMessage } from './ids.dto';

export class RegisterResourceRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('resourceId') }) resourceId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'the owning unit; absent or null: the organization (needs scope over its root)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(ID, { message: idMessage('businessUnitId') })
  businessUnitId?: string | null;
  @ApiProperty({ enum: RESOURCE_KINDS }) @IsIn(RESOURCE_KINDS, { message: `kind must be one of ${RESOURCE_KINDS.join(', ')}` }) kind!: ResourceKind;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ default: 1, description: 'venues and trainers are always 1' }) @IsOptional() @IsInt() @Min(1) @Max(10000) quantity?: number;
}

export class BookResourceRequest {
  @ApiProperty() @IsString() @Matches(ID, { message: idMessage('bookingId') }) bookingId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(ID, { message: idMessage('sessionId') }) sessionId?: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 instant' }) from!: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 instant' }) to!: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(10000) quantity?: number;
}

export class ReleaseBookingQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) reason?: string;
}
