import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { EMPLOYEE_NUMBER, NUMBER_MESSAGE } from '../dto/employee.dto';

export class EraseEmployeeRequest {
  @ApiProperty({ example: 'E-1001', description: 'the HRIS number of the person to erase (who must have been offboarded)' })
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: `employeeNumber ${NUMBER_MESSAGE}` })
  employeeNumber!: string;

  @ApiProperty({ example: 'GDPR Art. 17 request, ticket 4711', description: 'why; kept in the audit trail, so it must not contain the name' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}
