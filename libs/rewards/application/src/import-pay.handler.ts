import { randomUUID } from 'node:crypto';
import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type EventStore } from '@tpm/event-store';
import { payDecider } from '@tpm/rewards-domain';
import { PAY_IMPORT_COLUMNS, parsePayCsv, validatePayRow } from './pay-import.parser';
import type { EmployeeDirectory } from './ports';
import { payStream } from './rewards.streams';

export interface PayImportReport {
  importId: string;
  accepted: number;
  unchanged: number;
  /** The figures are never echoed: a report names the row, the employee number and what is wrong. */
  rejected: { row: number; employeeNumber: string | null; errors: string[] }[];
}

/**
 * Base pay from a CSV, one employee per row, with a report per row: good rows land, bad rows are
 * reported. Each row is its own command on the employee's pay stream (encrypted per person).
 */
export class ImportPayHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly directory: EmployeeDirectory,
  ) {}

  /** `writableUnits`: the units whose employees the importer may change (null: all). */
  async handle(csv: string, writableUnits: string[] | null, context: CommandContext): Promise<PayImportReport> {
    const importId = randomUUID();
    const at = this.clock.now().toISOString();
    const raw = parsePayCsv(csv);
    const report: PayImportReport = { importId, accepted: 0, unchanged: 0, rejected: [] };
    const checked = raw.map((r) => ({ raw: r, ...validatePayRow(r, PAY_IMPORT_COLUMNS.length) }));
    const employees = await this.directory.byNumbers(checked.flatMap((c) => (c.row ? [c.row.employeeNumber] : [])));
    const seen = new Set<string>();
    for (const c of checked) {
      const number = c.raw.fields.employeeNumber || null;
      const errors = [...c.errors];
      const employee = c.row ? employees.get(c.row.employeeNumber) : undefined;
      if (c.row && !employee) errors.push(`employeeNumber ${c.row.employeeNumber} is not in the organization`);
      else if (employee && writableUnits && !writableUnits.includes(employee.businessUnitId)) errors.push(`employeeNumber ${c.row?.employeeNumber} is outside your business units`);
      const key = c.row ? `${c.row.employeeNumber}@${c.row.effectiveFrom}` : '';
      if (c.row && seen.has(key)) errors.push('the file already has a row for this employee and effectiveFrom');
      seen.add(key);
      if (errors.length || !c.row || !employee) {
        report.rejected.push({ row: c.raw.row, employeeNumber: number, errors });
        continue;
      }
      const row = c.row;
      const { result } = await execute(this.store, payStream(employee.employeeId), payDecider)(
        () => ({ type: 'RecordBasePay', data: { employeeId: employee.employeeId, amount: row.basePay, currency: row.currency, effectiveFrom: row.effectiveFrom, startedOn: row.startedOn, importId, at } }),
        { context, at, businessUnitId: () => employee.businessUnitId },
      );
      if (result.appended) report.accepted++;
      else report.unchanged++;
    }
    return report;
  }
}
