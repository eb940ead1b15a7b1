import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { ImportPayHandler, type PayImportReport } from '@tpm/rewards-application';
import type { RequestContext } from '@tpm/service-kit';

/** The importer's writable units bound to the import: rows of other units are rejected row by row. */
@Injectable()
export class ScopedPayImport {
  constructor(
    private readonly importPay: ImportPayHandler,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}
  async handle(csv: string, ctx: RequestContext, caller: Actor): Promise<PayImportReport> {
    return this.importPay.handle(csv, await this.access.writableBusinessUnits(caller), ctx);
  }
}
