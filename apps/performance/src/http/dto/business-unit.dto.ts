import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

/** Business-unit ids come from the enterprise (e.g. `BU-42`): short, no spaces, no slashes. */
export const BUSINESS_UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const BU_MESSAGE = 'must be 1-64 letters, digits, dots, colons, underscores or dashes';

export class RegisterBusinessUnitRequest {
  @ApiProperty({ example: 'BU-42' })
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: `businessUnitId ${BU_MESSAGE}` })
  businessUnitId!: string;

  @ApiProperty({ example: 'Sales North' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, example: 'BU-1', nullable: true, description: 'null (or omitted) registers the root' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: `parentId ${BU_MESSAGE}` })
  parentId?: string | null;
}

export class ReparentBusinessUnitRequest {
  @ApiProperty({ example: 'BU-7' })
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: `parentId ${BU_MESSAGE}` })
  parentId!: string;
}

export class RenameBusinessUnitRequest {
  @ApiProperty({ example: 'Sales North-East' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class BusinessUnitParam {
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: `businessUnitId ${BU_MESSAGE}` })
  businessUnitId!: string;
}
