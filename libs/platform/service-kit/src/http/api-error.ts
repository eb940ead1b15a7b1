import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of every service: a stable code, a message, and what was wrong. */
export class ApiError {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ example: 'Request validation failed' }) message!: string;
  @ApiPropertyOptional({ example: [{ field: 'name', errors: ['name should not be empty'] }] })
  details?: unknown;
  @ApiPropertyOptional() correlationId?: string;
}
