import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';

/** `to` after `from` when both are given (an empty window is a mistake, not an empty answer). */
const IsAfterFrom = () =>
  ValidateBy(
    {
      name: 'isAfterFrom',
      validator: {
        validate: (to: unknown, args?: ValidationArguments) => {
          const from = (args?.object as { from?: unknown }).from;
          if (typeof from !== 'string' || typeof to !== 'string') return true;
          const [a, b] = [Date.parse(from), Date.parse(to)];
          return Number.isNaN(a) || Number.isNaN(b) || b > a;
        },
      },
    },
    { message: 'to must be after from' },
  );

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const idMessage = (field: string) => `${field} must be 1-128 letters, digits, dots, colons, underscores or dashes`;

/** What every dashboard and export filters by; unknown fields are refused (400 naming them). */
export class DashboardQuery {
  @ApiPropertyOptional({ description: 'The business unit whose subtree is shown; absent: every unit you may read', example: 'BU-SALES' })
  @IsOptional()
  @Matches(ID, { message: idMessage('unit') })
  unit?: string;

  @ApiPropertyOptional({ description: 'Appraisal cycle id' }) @IsOptional() @Matches(ID, { message: idMessage('cycleId') }) cycleId?: string;
  @ApiPropertyOptional({ description: "Appraisal period, e.g. '2027' or '2027-H1'" })
  @IsOptional()
  @Matches(/^\d{4}(-[A-Za-z0-9]{1,8})?$/, { message: "period must look like '2027' or '2027-H1'" })
  period?: string;

  @ApiPropertyOptional({ description: "Employee level, e.g. 'staff', 'management'" }) @IsOptional() @Matches(ID, { message: idMessage('level') }) level?: string;
  @ApiPropertyOptional({ description: "Rating band, e.g. 'meets'" }) @IsOptional() @Matches(ID, { message: idMessage('band') }) band?: string;

  @ApiPropertyOptional({ description: 'Figures as they stood at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 date or instant' })
  asOf?: string;
  @ApiPropertyOptional({ description: 'At or after' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or instant' }) from?: string;
  @ApiPropertyOptional({ description: 'Before (after from)' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or instant' }) @IsAfterFrom() to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv streams the rows (same as Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

/** Row listings: paged and sorted (CSV exports ignore the page and stream every row). */
export class RowsQuery extends DashboardQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must not be negative' })
  offset?: number;

  @ApiPropertyOptional({ enum: ['finalizedAt', 'score', 'band', 'businessUnitId', 'employeeId', 'goalAttainment'] })
  @IsOptional()
  @IsIn(['finalizedAt', 'score', 'band', 'businessUnitId', 'employeeId', 'goalAttainment'], { message: 'sort must be one of finalizedAt, score, band, businessUnitId, employeeId, goalAttainment' })
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' }) order?: 'asc' | 'desc';
}

export class TimelineQuery {
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 date or instant' }) asOf?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or instant' }) from?: string;
  @ApiPropertyOptional({ description: 'Before (after from)' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or instant' }) @IsAfterFrom() to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must not be negative' })
  offset?: number;
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' }) order?: 'asc' | 'desc';
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be json or csv' }) format?: 'json' | 'csv';
}

export class EmployeeIdParam {
  @Matches(ID, { message: idMessage('employeeId') }) employeeId!: string;
}
