import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { employeeIdFor, ImportEmployeesHandler, type ImportEmployeesReport, type RowRejection } from '@tpm/performance-application';
import type { RequestContext } from '@tpm/service-kit';
import { parse } from 'csv-parse/sync';

/**
 * The HRIS import within the importer's scope: a row is imported only if its business unit, and
 * the employee's current unit when the employee is already known, lie within the units the
 * importer may change; other rows are rejected in the report like any bad row, and the rest of
 * the file still lands.
 */
@Injectable()
export class ScopedEmployeeImport {
  constructor(
    private readonly importEmployees: ImportEmployeesHandler,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  async handle(csv: string, ctx: RequestContext, caller: Actor): Promise<ImportEmployeesReport> {
    const writable = await this.access.writableBusinessUnits(caller);
    if (writable === null) return this.importEmployees.handle(csv, ctx);
    const scoped = await this.withinScope(csv, new Set(writable));
    const report = await this.importEmployees.handle(scoped.csv, ctx);
    return { ...report, rejected: [...report.rejected, ...scoped.rejected].sort((a, b) => a.row - b.row) };
  }

  /**
   * The file with every out-of-scope record blanked (a blank line keeps the numbering, so the
   * handler's row numbers still match the caller's file). A file that does not parse goes through
   * unchanged: the handler names its problem.
   */
  private async withinScope(csv: string, writable: Set<string>): Promise<{ csv: string; rejected: RowRejection[] }> {
    let records: string[][];
    try {
      records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
    } catch {
      return { csv, rejected: [] };
    }
    const header = (records[0] ?? []).map((h) => h.trim());
    const numberAt = header.indexOf('employeeNumber');
    const unitAt = header.indexOf('businessUnitId');
    if (numberAt < 0 || unitAt < 0) return { csv, rejected: [] };

    const rows = records.slice(1).map((fields, i) => ({ row: i + 1, fields, number: fields[numberAt]?.trim() ?? '', unit: fields[unitAt]?.trim() ?? '' }));
    const named = rows.filter((r) => r.number && r.unit);
    const current = await this.access.employeeUnits([...new Set(named.map((r) => employeeIdFor(r.number)))]);
    const rejected: RowRejection[] = [];
    for (const r of named) {
      const from = current.get(employeeIdFor(r.number));
      const errors = [
        ...(writable.has(r.unit) ? [] : [`businessUnitId ${r.unit} is outside the business units you may change`]),
        ...(from === undefined || writable.has(from) ? [] : [`employee ${r.number} belongs to a business unit outside the units you may change`]),
      ];
      if (errors.length) rejected.push({ row: r.row, employeeNumber: r.number, errors });
    }
    if (!rejected.length) return { csv, rejected };
    const out = new Set(rejected.map((r) => r.row));
    const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
    const lines = [records[0], ...rows.map((r) => (out.has(r.row) ? [] : r.fields))].map((fields) => fields.map(quote).join(','));
    return { csv: lines.join('\n'), rejected };
  }
}
