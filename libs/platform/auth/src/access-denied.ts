import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** 403 with the one error shape; the message says what was refused, never what exists. */
export const forbidden = (code: string, message: string) => new ForbiddenException({ code, message });

export const unauthenticated = (code: string, message: string) => new UnauthorizedException({ code, message });
