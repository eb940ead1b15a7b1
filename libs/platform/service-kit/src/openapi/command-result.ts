import { ApiProperty } from '@nestjs/swagger';
import type { CommandResult } from '@tpm/event-store';

/** What every command answers (`CommandResult` of `@tpm/event-store`), for the OpenAPI document. */
export class CommandResultView implements CommandResult {
  @ApiProperty({ example: 'performance-employee-4f9c…', description: 'The stream the command wrote to' }) streamId!: string;
  @ApiProperty({ example: 1, description: "The stream's version after the command (unchanged when nothing was appended)" }) version!: number;
  @ApiProperty({ example: 1, description: 'Events appended; 0 when the command changed nothing (an idempotent repeat)' }) appended!: number;
}
