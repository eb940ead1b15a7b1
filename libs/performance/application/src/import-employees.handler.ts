import { DomainError, type Clock } from '@tpm/kernel';
import { execute, retryOnConflict, type CommandContext, type EventStore } from '@tpm/event-store';
import { employeeDecider, type Employee, type EmployeeCommand, type EmployeeEvent } from '@tpm/performance-domain';
import { forEachBounded } from './bounded-concurrency';
import { parseEmployeeCsv } from './employee-import.parser';
import { resolveReferences, validateRows, type EmployeeImportRow, type KnownEmployee, type RowRejection } from './employee-import.validation';
import { employeeIdFor } from './employee-number.identity';
import { loadEmployee } from './employee.reader';
import { loadOrgStructure } from './org-structure.reader';
import { employeeStream } from './org.streams';

export interface ImportEmployeesOptions {
  /** Data rows accepted per file; default 50,000. */
  maxRows?: number;
  /** Size of the CSV text in UTF-8 bytes; default 10 MB. */
  maxBytes?: number;
  /** Employee streams read or appended at once; default 16. */
  concurrency?: number;
}

export interface ImportProgress {
  phase: 'reading' | 'writing';
  done: number;
  total: number;
}

export interface ImportEmployeesReport {
  /** Rows that wrote at least one event (onboarded, transferred or given a new manager). */
  accepted: number;
  /** Valid rows the store already matched: nothing was written for them. */
  unchanged: number;
  rejected: RowRejection[];
}

/**
 * Who may change which business unit, asked once for every unit the import is about to write
 * into or move an employee out of: the reason each refused unit is refused (absent: allowed).
 */
export interface ImportScope {
  refusals(businessUnitIds: string[]): Promise<ReadonlyMap<string, string>>;
}

/** The answers for this file's units; a unit first seen on a retry is refused, never assumed. */
type UnitRefusals = { asked: ReadonlySet<string>; refused: ReadonlyMap<string, string> };
const refusalOf = (scope: UnitRefusals, unit: string) =>
  scope.asked.has(unit) ? (scope.refused.get(unit) ?? null) : `businessUnitId ${unit} is outside the business units you may change`;

/** A row refused by the importer's scope, decided on the state the write would have changed. */
class RowOutOfScope extends DomainError {
  readonly code = 'IMPORT_ROW_OUT_OF_SCOPE';
  constructor(readonly errors: string[]) {
    super(errors.join('; '), { errors });
  }
}

/** What the scope refuses of one row, given the employee as the store has them (or new). */
const scopeErrors = (scope: UnitRefusals | undefined, row: EmployeeImportRow, state: Employee): string[] => {
  if (!scope) return [];
  const errors: string[] = [];
  const target = refusalOf(scope, row.businessUnitId);
  if (target) errors.push(target);
  if (state.status !== 'new' && state.businessUnitId !== row.businessUnitId && refusalOf(scope, state.businessUnitId) !== null) {
    errors.push(`employee ${row.employeeNumber} belongs to a business unit outside the units you may change`);
  }
  return errors;
};

const CONFLICT_RETRIES = 3;

/**
 * Bulk import of employees from an HRIS export (CSV with header
 * `employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level`). Idempotent by
 * employee number: the employee id derives from it (see employee-number.identity.ts), a new number
 * onboards, a known one is synced (transfer when unit or position changed, manager change when
 * the manager changed), and an unchanged row appends nothing. Name and level of an existing
 * employee are not synced: no published event carries their change yet.
 *
 * Existence of managers is read from the employee streams themselves (the derived id names the
 * stream), so no separate directory has to be kept consistent with them.
 */
export class ImportEmployeesHandler {
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly concurrency: number;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    options: ImportEmployeesOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 50_000;
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.concurrency = options.concurrency ?? 16;
  }

  /**
   * `scope` (an HTTP caller's units) is checked here, on the rows exactly as parsed for the
   * write, never on a second reading of the file: two parsers disagreeing on one cell is how a
   * row slipped past a separate filter.
   */
  async handle(csv: string, context: CommandContext, onProgress?: (progress: ImportProgress) => void, importScope?: ImportScope): Promise<ImportEmployeesReport> {
    const raw = parseEmployeeCsv(csv, { maxRows: this.maxRows, maxBytes: this.maxBytes });
    const { state: org } = await loadOrgStructure(this.store);
    const checked = validateRows(raw, (id) => org.units.has(id));

    const loaded = await this.loadEmployees(checked.valid, onProgress);
    const scope = importScope && (await askScope(importScope, checked.valid, loaded));
    // Out of scope before references: a refused manager row takes down the rows it manages.
    const outOfScope: RowRejection[] = [];
    const inScope = checked.valid.filter((row) => {
      const errors = scopeErrors(scope, row, loaded.get(row.employeeNumber)!.state);
      if (errors.length) outOfScope.push({ row: row.row, employeeNumber: row.employeeNumber, errors });
      return !errors.length;
    });
    const existing = new Map<string, KnownEmployee>();
    for (const [number, { state }] of loaded) if (state.status !== 'new') existing.set(number, { active: state.status === 'active' });
    const resolved = resolveReferences(inScope, existing, new Set(outOfScope.map((r) => r.employeeNumber!)));

    const at = this.clock.now().toISOString();
    const report: ImportEmployeesReport = { accepted: 0, unchanged: 0, rejected: [...checked.rejected, ...outOfScope, ...resolved.rejected] };
    let done = 0;
    await forEachBounded(resolved.accepted, this.concurrency, async (row) => {
      const outcome = await this.writeRow(row, loaded.get(row.employeeNumber)!, context, at, scope);
      if (outcome === 'accepted') report.accepted++;
      else if (outcome === 'unchanged') report.unchanged++;
      else report.rejected.push(outcome);
      onProgress?.({ phase: 'writing', done: ++done, total: resolved.accepted.length });
    });
    report.rejected.sort((a, b) => a.row - b.row);
    return report;
  }

  /** Current state of every employee the file names, as a row or as a manager. */
  private async loadEmployees(rows: EmployeeImportRow[], onProgress?: (progress: ImportProgress) => void) {
    const numbers = [...new Set(rows.flatMap((r) => (r.managerEmployeeNumber ? [r.employeeNumber, r.managerEmployeeNumber] : [r.employeeNumber])))];
    const loaded = new Map<string, { state: Employee; version: number }>();
    let done = 0;
    await forEachBounded(numbers, this.concurrency, async (number) => {
      loaded.set(number, await loadEmployee(this.store, employeeIdFor(number)));
      onProgress?.({ phase: 'reading', done: ++done, total: numbers.length });
    });
    return loaded;
  }

  private async writeRow(
    row: EmployeeImportRow,
    current: { state: Employee; version: number },
    context: CommandContext,
    at: string,
    scope: UnitRefusals | undefined,
  ): Promise<'accepted' | 'unchanged' | RowRejection> {
    const employeeId = employeeIdFor(row.employeeNumber);
    // The first attempt decides on the state read for validation; after a conflict (someone
    // changed this employee since) the retry reads again and decides on what they wrote.
    let preloaded: { state: Employee; version: number } | undefined = current;
    try {
      const { result } = await retryOnConflict(() => {
        const loaded = preloaded;
        preloaded = undefined;
        return execute(this.store, employeeStream(employeeId), rowDecider(employeeId, at, scope))(() => row, { context, at, businessUnitId: () => row.businessUnitId, loaded });
      }, CONFLICT_RETRIES);
      return result.appended > 0 ? 'accepted' : 'unchanged';
    } catch (error) {
      if (error instanceof RowOutOfScope) return { row: row.row, employeeNumber: row.employeeNumber, errors: error.errors };
      if (error instanceof DomainError) return { row: row.row, employeeNumber: row.employeeNumber, errors: [error.message] };
      throw error;
    }
  }
}

/** The employee decider, told one import row as its command. */
const askScope = async (scope: ImportScope, rows: EmployeeImportRow[], loaded: ReadonlyMap<string, { state: Employee }>): Promise<UnitRefusals> => {
  const units = new Set(rows.map((r) => r.businessUnitId));
  for (const r of rows) {
    const state = loaded.get(r.employeeNumber)?.state;
    if (state && state.status !== 'new') units.add(state.businessUnitId);
  }
  return { asked: units, refused: await scope.refusals([...units]) };
};

const rowDecider = (employeeId: string, at: string, scope: UnitRefusals | undefined) => ({
  ...employeeDecider,
  decide: (row: EmployeeImportRow, state: Employee) => {
    // Again on the state this write decides on: a retry after a conflict may see another unit.
    const errors = scopeErrors(scope, row, state);
    if (errors.length) throw new RowOutOfScope(errors);
    return syncEvents(row, employeeId, state, at);
  },
});

/** What one row means for its employee: onboard a newcomer, or bring a known one in line. */
const syncEvents = (row: EmployeeImportRow, employeeId: string, state: Employee, at: string): EmployeeEvent[] => {
  const managerId = row.managerEmployeeNumber === null ? null : employeeIdFor(row.managerEmployeeNumber);
  const commands: EmployeeCommand[] =
    state.status === 'new'
      ? [
          {
            type: 'OnboardEmployee',
            data: {
              employeeId,
              employeeNumber: row.employeeNumber,
              name: row.name,
              businessUnitId: row.businessUnitId,
              position: row.position,
              managerId,
              level: row.level,
              at,
            },
          },
        ]
      : [
          { type: 'TransferEmployee', data: { employeeId, toBusinessUnitId: row.businessUnitId, position: row.position, at } },
          { type: 'ChangeManager', data: { employeeId, managerId, at } },
        ];
  const events: EmployeeEvent[] = [];
  for (const command of commands) {
    const decided = employeeDecider.decide(command, state);
    state = decided.reduce(employeeDecider.evolve, state);
    events.push(...decided);
  }
  return events;
};
