import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CommandResultView } from '@tpm/service-kit';
import { BUSINESS_UNIT_ID } from './business-unit.dto';

export const EMPLOYEE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const NUMBER_MESSAGE = 'must be 1-64 letters, digits, dots, underscores or dashes';

export class EmployeeNumberParam {
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: `employeeNumber ${NUMBER_MESSAGE}` })
  employeeNumber!: string;
}

export class OnboardEmployeeRequest {
  @ApiProperty({ example: 'E-1001' })
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: `employeeNumber ${NUMBER_MESSAGE}` })
  employeeNumber!: string;

  @ApiProperty({ example: 'Ana Lima' }) @IsString() @Length(1, 200) name!: string;

  @ApiProperty({ example: 'BU-42' })
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: 'businessUnitId is not a valid business-unit id' })
  businessUnitId!: string;

  @ApiProperty({ example: 'Account manager' }) @IsString() @Length(1, 200) position!: string;

  @ApiPropertyOptional({ type: String, example: 'E-0001', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: `managerEmployeeNumber ${NUMBER_MESSAGE}` })
  managerEmployeeNumber?: string | null;

  @ApiProperty({ enum: ['management', 'staff'] })
  @IsIn(['management', 'staff'], { message: 'level must be management or staff' })
  level!: 'management' | 'staff';
}

export class TransferEmployeeRequest {
  @ApiProperty({ example: 'BU-7' })
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: 'toBusinessUnitId is not a valid business-unit id' })
  toBusinessUnitId!: string;

  @ApiPropertyOptional({ example: 'Team lead' }) @IsOptional() @IsString() @Length(1, 200) position?: string;
}

export class ChangeManagerRequest {
  @ApiProperty({ type: String, example: 'E-0002', nullable: true, description: 'null removes the manager' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(EMPLOYEE_NUMBER, { message: `managerEmployeeNumber ${NUMBER_MESSAGE}` })
  managerEmployeeNumber!: string | null;
}

export class OffboardEmployeeRequest {
  @ApiPropertyOptional({ example: 'resigned' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({ example: '2027-03-01T00:00:00Z', description: 'the state as the system knew it at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 instant' })
  asOf?: string;
}

/** What onboarding answers: the command's result and the id events name the employee by. */
export class OnboardedEmployee extends CommandResultView {
  @ApiProperty({ format: 'uuid', description: 'Derived from the employee number' }) employeeId!: string;
}

/** An employee as the write side knows them (GET /org/employees/{employeeNumber}). */
export class EmployeeView {
  @ApiProperty({ enum: ['active', 'offboarded', 'erased'] }) status!: 'active' | 'offboarded' | 'erased';
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ example: 'E-1001' }) employeeNumber!: string;
  @ApiProperty({ example: 'Ana Lima', description: "'[erased]' once the person is erased" }) name!: string;
  @ApiProperty({ example: 'BU-42' }) businessUnitId!: string;
  @ApiProperty({ example: 'Account manager' }) position!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) managerId!: string | null;
  @ApiProperty({ enum: ['management', 'staff'] }) level!: 'management' | 'staff';
  @ApiPropertyOptional({ description: 'When the person was erased (status erased only)' }) erasedAt?: string;
  @ApiProperty({ example: 1, description: "The employee stream's version (also in the ETag)" }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The instant read as of, when asked' }) asOf!: string | null;
}
