import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { BUSINESS_UNIT_ID } from './business-unit.dto';
import { PERIOD, PERIOD_MESSAGE, RECORD_ID, RECORD_ID_MESSAGE } from './performance-ids.dto';

export class SetStrategicGoalRequest {
  @ApiProperty({ example: 'G-2027-REVENUE' }) @IsString() @Matches(RECORD_ID, { message: `goalId ${RECORD_ID_MESSAGE}` }) goalId!: string;
  @ApiProperty({ example: '2027' }) @IsString() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period!: string;
  @ApiProperty({ example: 'Grow revenue by 10%' }) @IsString() @Length(1, 300) title!: string;
}

export class CascadeGoalRequest {
  @ApiProperty({ example: 'G-2027-REVENUE-SALES' }) @IsString() @Matches(RECORD_ID, { message: `goalId ${RECORD_ID_MESSAGE}` }) goalId!: string;
  @ApiProperty({ example: 'BU-SALES' })
  @IsString()
  @Matches(BUSINESS_UNIT_ID, { message: 'businessUnitId is not a valid business-unit id' })
  businessUnitId!: string;
  @ApiProperty({ example: 'Sales grows 15%' }) @IsString() @Length(1, 300) title!: string;
}
