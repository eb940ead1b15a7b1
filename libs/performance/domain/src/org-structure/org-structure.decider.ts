import { assertNever, type Decider } from '@tpm/kernel';
import type { OrgStructureCommand } from './org-structure.commands';
import {
  BusinessUnitAlreadyRegistered,
  BusinessUnitCycle,
  BusinessUnitNameRequired,
  BusinessUnitNotFound,
  ParentBusinessUnitNotFound,
  PositionAlreadyDefined,
  RootBusinessUnitExists,
} from './org-structure.errors';
import type { EmployeeLevel, OrgStructureEvent } from './org-structure.events';

export interface BusinessUnit {
  name: string;
  parentId: string | null;
}
export interface Position {
  title: string;
  businessUnitId: string;
  level: EmployeeLevel;
}
/**
 * The whole business-unit tree of one organization. Maps keep it compact and lookups O(1) for
 * thousands of units; the tree shape is only the parent pointer of each unit.
 */
export interface OrgStructure {
  rootId: string | null;
  units: Map<string, BusinessUnit>;
  positions: Map<string, Position>;
}

/** True when `unitId` is `ancestorId` or lies anywhere beneath it. */
export const isWithin = (s: OrgStructure, unitId: string, ancestorId: string): boolean => {
  // Bounded by the unit count so corrupted history can never spin forever.
  for (let id: string | null = unitId, hops = 0; id !== null && hops <= s.units.size; hops++) {
    if (id === ancestorId) return true;
    id = s.units.get(id)?.parentId ?? null;
  }
  return false;
};

const decide = (cmd: OrgStructureCommand, s: OrgStructure): OrgStructureEvent[] => {
  switch (cmd.type) {
    case 'RegisterBusinessUnit': {
      const { businessUnitId, name, parentId } = cmd.data;
      if (!name.trim()) throw new BusinessUnitNameRequired(businessUnitId);
      const existing = s.units.get(businessUnitId);
      if (existing) {
        // An HRIS replays its whole tree on every sync: the same unit again says nothing new.
        if (existing.name === name && existing.parentId === parentId) return [];
        throw new BusinessUnitAlreadyRegistered(businessUnitId);
      }
      // One store serves one organization, and subtree scoping needs a single top to start from.
      if (parentId === null && s.rootId !== null) throw new RootBusinessUnitExists(businessUnitId, s.rootId);
      if (parentId !== null && !s.units.has(parentId)) throw new ParentBusinessUnitNotFound(businessUnitId, parentId);
      return [{ type: 'BusinessUnitRegistered', data: cmd.data }];
    }
    case 'ReparentBusinessUnit': {
      const { businessUnitId, toParentId, at } = cmd.data;
      const unit = s.units.get(businessUnitId);
      if (!unit) throw new BusinessUnitNotFound(businessUnitId);
      if (!s.units.has(toParentId)) throw new ParentBusinessUnitNotFound(businessUnitId, toParentId);
      if (unit.parentId === toParentId) return [];
      // Covers the root too: every unit is the root's descendant, so the root can never move.
      if (isWithin(s, toParentId, businessUnitId)) throw new BusinessUnitCycle(businessUnitId, toParentId);
      return [{ type: 'BusinessUnitReparented', data: { businessUnitId, fromParentId: unit.parentId, toParentId, at } }];
    }
    case 'RenameBusinessUnit': {
      const { businessUnitId, name, at } = cmd.data;
      const unit = s.units.get(businessUnitId);
      if (!unit) throw new BusinessUnitNotFound(businessUnitId);
      if (!name.trim()) throw new BusinessUnitNameRequired(businessUnitId);
      if (unit.name === name) return [];
      return [{ type: 'BusinessUnitRenamed', data: { businessUnitId, fromName: unit.name, name, at } }];
    }
    case 'DefinePosition': {
      const { positionId, title, businessUnitId, level } = cmd.data;
      if (!s.units.has(businessUnitId)) throw new BusinessUnitNotFound(businessUnitId);
      const existing = s.positions.get(positionId);
      if (existing) {
        if (existing.title === title && existing.businessUnitId === businessUnitId && existing.level === level) return [];
        throw new PositionAlreadyDefined(positionId);
      }
      return [{ type: 'PositionDefined', data: cmd.data }];
    }
    default:
      return assertNever(cmd);
  }
};

/**
 * Updates the maps in place: the state belongs to the fold that built it, and copying a map of
 * thousands of units for every event would make loading the tree quadratic.
 */
const evolve = (s: OrgStructure, e: OrgStructureEvent): OrgStructure => {
  switch (e.type) {
    case 'BusinessUnitRegistered': {
      s.units.set(e.data.businessUnitId, { name: e.data.name, parentId: e.data.parentId });
      return e.data.parentId === null ? { ...s, rootId: e.data.businessUnitId } : s;
    }
    case 'BusinessUnitReparented': {
      const unit = s.units.get(e.data.businessUnitId);
      if (unit) s.units.set(e.data.businessUnitId, { ...unit, parentId: e.data.toParentId });
      return s;
    }
    case 'BusinessUnitRenamed': {
      const unit = s.units.get(e.data.businessUnitId);
      if (unit) s.units.set(e.data.businessUnitId, { ...unit, name: e.data.name });
      return s;
    }
    case 'PositionDefined': {
      const { positionId, title, businessUnitId, level } = e.data;
      s.positions.set(positionId, { title, businessUnitId, level });
      return s;
    }
    default:
      return assertNever(e);
  }
};

export const initialOrgStructure = (): OrgStructure => ({ rootId: null, units: new Map(), positions: new Map() });

export const orgStructureDecider: Decider<OrgStructureCommand, OrgStructureEvent, OrgStructure> = {
  decide,
  evolve,
  initialState: initialOrgStructure,
};
