import { BadRequestException, createParamDecorator, ExecutionContext, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Actor } from '@tpm/kernel';
import type { Request } from 'express';
import { invalidInput } from './validation.pipe';

/** A CSV upload's text: 415 unless sent as text/csv (or text/plain), 400 when empty. */
export const CsvBody = createParamDecorator((_: unknown, host: ExecutionContext): string => {
  const req = host.switchToHttp().getRequest<Request>();
  if (!req.is('text/csv') && !req.is('text/plain')) throw new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as text/csv' });
  const body: unknown = req.body;
  if (typeof body !== 'string' || body.trim() === '') throw new BadRequestException({ code: 'EMPTY_IMPORT', message: 'The CSV body is empty' });
  return body;
});

/**
 * The employee id a body names, or the caller's own when it names none (employees act for
 * themselves); a 400 naming the field when there is neither. Read after the body's DTO validated it.
 */
export const EmployeeOrCaller = createParamDecorator((field: string, host: ExecutionContext): string => {
  const req = host.switchToHttp().getRequest<Request & { actor?: Actor }>();
  const named = (req.body as Record<string, unknown> | undefined)?.[field];
  const id = typeof named === 'string' ? named : req.actor?.employeeId;
  if (!id) throw invalidInput([{ field, errors: [`${field} is required`] }]);
  return id;
});
