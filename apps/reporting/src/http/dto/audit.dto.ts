import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class AuditEventsQuery {
  @ApiPropertyOptional({ example: 'performance-employee-0b6e…' }) @IsOptional() @IsString() @Length(1, 200) streamId?: string;
  @ApiPropertyOptional({ example: 'performance.EmployeeTransferred' }) @IsOptional() @IsString() @Length(1, 200) type?: string;
  @ApiPropertyOptional({ example: 'BU-42' }) @IsOptional() @IsString() @Length(1, 64) businessUnitId?: string;
  @ApiPropertyOptional({ description: "The actor's subject" }) @IsOptional() @IsString() @Length(1, 200) actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'correlationId must be a UUID' }) correlationId?: string;
  @ApiPropertyOptional({ description: 'occurredAt at or after' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 instant' })
  from?: string;
  @ApiPropertyOptional({ description: 'occurredAt before' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 instant' })
  to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200) after?: string;
}

export class CorrelationParam {
  @IsUUID('all', { message: 'correlationId must be a UUID' }) correlationId!: string;
}
