import type { Envelope, OrgEvent } from '@tpm/contracts';

export type OrgEnvelope = Envelope<OrgEvent['type'], OrgEvent['data']>;

/** What a batch leaves of one unit: `registered` rows replace, others only patch their fields. */
export interface UnitChange {
  businessUnitId: string;
  registered: boolean;
  name?: string;
  parentId?: string | null;
}

export interface EmployeeChange {
  employeeId: string;
  /** Onboarded in this batch: every column is known and the row is written whole. */
  onboarded: boolean;
  employeeNumber?: string;
  businessUnitId?: string;
  position?: string | null;
  managerId?: string | null;
  level?: string;
  active?: boolean;
  onboardedAt?: string;
  offboardedAt?: string | null;
}

export interface OrgBatchChanges {
  units: UnitChange[];
  employees: EmployeeChange[];
  /** Units whose headcount may have moved; the rows' previous units are added by the writer. */
  touchedUnits: string[];
}

/**
 * Folds a batch, in offset order, into one change per row, so that several events for the same
 * employee in one batch (onboard, transfer, offboard) become one write with the last state.
 */
export function foldOrgBatch(events: OrgEnvelope[]): OrgBatchChanges {
  const units = new Map<string, UnitChange>();
  const employees = new Map<string, EmployeeChange>();
  const touched = new Set<string>();
  const unit = (id: string) => units.get(id) ?? units.set(id, { businessUnitId: id, registered: false }).get(id)!;
  const employee = (id: string) => employees.get(id) ?? employees.set(id, { employeeId: id, onboarded: false }).get(id)!;

  for (const e of events as unknown as (OrgEvent & { type: string })[]) {
    switch (e.type) {
      case 'performance.BusinessUnitRegistered':
        units.set(e.data.businessUnitId, { businessUnitId: e.data.businessUnitId, registered: true, name: e.data.name, parentId: e.data.parentId });
        touched.add(e.data.businessUnitId);
        break;
      case 'performance.BusinessUnitReparented':
        unit(e.data.businessUnitId).parentId = e.data.toParentId;
        break;
      case 'performance.EmployeeOnboarded':
        // A re-hire starts a fresh row: nothing from the earlier employment carries over.
        employees.set(e.data.employeeId, {
          employeeId: e.data.employeeId,
          onboarded: true,
          employeeNumber: e.data.employeeNumber,
          businessUnitId: e.data.businessUnitId,
          position: e.data.position,
          managerId: e.data.managerId,
          level: e.data.level,
          active: true,
          onboardedAt: e.data.at,
          offboardedAt: null,
        });
        touched.add(e.data.businessUnitId);
        break;
      case 'performance.EmployeeTransferred': {
        const row = employee(e.data.employeeId);
        row.businessUnitId = e.data.toBusinessUnitId;
        if (e.data.position !== null) row.position = e.data.position;
        touched.add(e.data.fromBusinessUnitId).add(e.data.toBusinessUnitId);
        break;
      }
      case 'performance.EmployeeManagerChanged':
        employee(e.data.employeeId).managerId = e.data.toManagerId;
        break;
      case 'performance.EmployeeOffboarded': {
        const row = employee(e.data.employeeId);
        row.active = false;
        row.offboardedAt = e.data.at;
        touched.add(e.data.businessUnitId);
        break;
      }
      default:
        break; // PositionDefined and newer types: not part of this read model
    }
  }
  return { units: [...units.values()], employees: [...employees.values()], touchedUnits: [...touched] };
}
