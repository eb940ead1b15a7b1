import { IsString, Matches } from 'class-validator';

export class BusinessUnitParam {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, { message: 'businessUnitId must be 1-64 letters, digits, dots, colons, underscores or dashes' })
  businessUnitId!: string;
}
