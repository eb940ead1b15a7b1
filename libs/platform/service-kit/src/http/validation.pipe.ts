import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface InvalidField {
  field: string;
  errors: string[];
}

const flatten = (errors: ValidationError[], prefix = ''): InvalidField[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** The one 400 for invalid input, naming each field: the pipe's, and any input rule a DTO cannot state. */
export const invalidInput = (details: InvalidField[]) =>
  new BadRequestException({ code: 'VALIDATION_FAILED', message: `Invalid request: ${details.map((d) => d.field).join(', ')}`, details });

/** Every body and query is a class-validator DTO; unknown fields are rejected, each error names its field. */
export const strictValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidInput(flatten(errors)),
  });
