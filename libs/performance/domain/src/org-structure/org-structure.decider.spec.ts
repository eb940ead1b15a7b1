import { deciderSpec } from '@tpm/kernel/testing';
import type { OrgStructureCommand } from './org-structure.commands';
import { isWithin, orgStructureDecider } from './org-structure.decider';
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

const at = '2027-01-01T00:00:00.000Z';
const given = deciderSpec(orgStructureDecider);

const register = (businessUnitId: string, parentId: string | null, name = businessUnitId.toUpperCase()): OrgStructureCommand => ({
  type: 'RegisterBusinessUnit',
  data: { businessUnitId, name, parentId, at },
});
const registered = (businessUnitId: string, parentId: string | null, name = businessUnitId.toUpperCase()): OrgStructureEvent => ({
  type: 'BusinessUnitRegistered',
  data: { businessUnitId, name, parentId, at },
});
const reparent = (businessUnitId: string, toParentId: string): OrgStructureCommand => ({
  type: 'ReparentBusinessUnit',
  data: { businessUnitId, toParentId, at },
});
const reparented = (businessUnitId: string, fromParentId: string | null, toParentId: string): OrgStructureEvent => ({
  type: 'BusinessUnitReparented',
  data: { businessUnitId, fromParentId, toParentId, at },
});
const rename = (businessUnitId: string, name: string): OrgStructureCommand => ({ type: 'RenameBusinessUnit', data: { businessUnitId, name, at } });
const define = (positionId: string, businessUnitId: string, title = 'Engineer', level: EmployeeLevel = 'staff'): OrgStructureCommand => ({
  type: 'DefinePosition',
  data: { positionId, title, businessUnitId, level, at },
});
const defined = (positionId: string, businessUnitId: string, title = 'Engineer', level: EmployeeLevel = 'staff'): OrgStructureEvent => ({
  type: 'PositionDefined',
  data: { positionId, title, businessUnitId, level, at },
});

// org ─┬─ sales ── emea
//      └─ ops
const tree = [registered('org', null), registered('sales', 'org'), registered('emea', 'sales'), registered('ops', 'org')];

describe('RegisterBusinessUnit', () => {
  it('registers the first unit without a parent as the root', () =>
    given([]).when(register('org', null)).then([registered('org', null)]));

  it('registers a unit under an existing parent', () =>
    given([registered('org', null)]).when(register('sales', 'org')).then([registered('sales', 'org')]));

  it('says nothing new when the identical unit is registered again', () =>
    given(tree).when(register('emea', 'sales')).then([]));

  it('refuses to re-register a unit id with a different name', () =>
    given(tree).when(register('emea', 'sales', 'Europe')).thenThrows(BusinessUnitAlreadyRegistered));

  it('refuses to re-register a unit id under a different parent', () =>
    given(tree).when(register('emea', 'ops')).thenThrows(BusinessUnitAlreadyRegistered));

  it('refuses a parent that is not registered', () =>
    given([registered('org', null)]).when(register('sales', 'nowhere')).thenThrows(ParentBusinessUnitNotFound, /nowhere/));

  it('refuses a second root', () =>
    given([registered('org', null)]).when(register('other', null)).thenThrows(RootBusinessUnitExists));

  it('refuses a blank name', () => given([]).when(register('org', null, '  ')).thenThrows(BusinessUnitNameRequired));
});

describe('ReparentBusinessUnit', () => {
  it('moves a unit under another parent and records where it came from', () =>
    given(tree).when(reparent('emea', 'ops')).then([reparented('emea', 'sales', 'ops')]));

  it('says nothing new when the unit already sits under that parent', () => given(tree).when(reparent('emea', 'sales')).then([]));

  it('refuses to move a unit under its own descendant', () =>
    given(tree).when(reparent('sales', 'emea')).thenThrows(BusinessUnitCycle));

  it('refuses to move a unit under itself', () => given(tree).when(reparent('sales', 'sales')).thenThrows(BusinessUnitCycle));

  it('refuses to move the root, since every unit is its descendant', () =>
    given(tree).when(reparent('org', 'ops')).thenThrows(BusinessUnitCycle));

  it('sees cycles through earlier moves', () =>
    given([...tree, reparented('ops', 'org', 'emea')]).when(reparent('sales', 'ops')).thenThrows(BusinessUnitCycle));

  it('refuses an unknown unit', () => given(tree).when(reparent('apac', 'org')).thenThrows(BusinessUnitNotFound));

  it('refuses an unknown new parent', () => given(tree).when(reparent('emea', 'apac')).thenThrows(ParentBusinessUnitNotFound));

  it('keeps the moved subtree attached to the unit', () =>
    given(tree)
      .when(reparent('sales', 'ops'))
      .thenState((s) => {
        expect(isWithin(s, 'emea', 'ops')).toBe(true);
        expect(isWithin(s, 'ops', 'sales')).toBe(false);
      }));
});

describe('RenameBusinessUnit', () => {
  it('renames a unit and records the former name', () =>
    given(tree)
      .when(rename('emea', 'Europe'))
      .then([{ type: 'BusinessUnitRenamed', data: { businessUnitId: 'emea', fromName: 'EMEA', name: 'Europe', at } }]));

  it('says nothing new when the name is unchanged', () => given(tree).when(rename('emea', 'EMEA')).then([]));

  it('refuses an unknown unit', () => given(tree).when(rename('apac', 'Asia')).thenThrows(BusinessUnitNotFound));

  it('refuses a blank name', () => given(tree).when(rename('emea', '')).thenThrows(BusinessUnitNameRequired));
});

describe('DefinePosition', () => {
  it('defines a position in an existing unit', () => given(tree).when(define('dev', 'ops')).then([defined('dev', 'ops')]));

  it('says nothing new when the identical position is defined again', () =>
    given([...tree, defined('dev', 'ops')]).when(define('dev', 'ops')).then([]));

  it('refuses to redefine a position with different data', () =>
    given([...tree, defined('dev', 'ops')]).when(define('dev', 'ops', 'Lead', 'management')).thenThrows(PositionAlreadyDefined));

  it('refuses a unit that is not registered', () => given(tree).when(define('dev', 'apac')).thenThrows(BusinessUnitNotFound));
});
