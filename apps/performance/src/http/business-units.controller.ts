import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  ORG_STRUCTURE_STREAM,
  RegisterBusinessUnitHandler,
  RenameBusinessUnitHandler,
  ReparentBusinessUnitHandler,
} from '@tpm/performance-application';
import { BusinessUnitNotFound, orgStructureDecider } from '@tpm/performance-domain';
import type { EventStore } from '@tpm/event-store';
import { ACCESS_POLICY, Caller, forbidden, Roles, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { BusinessUnitParam, RegisterBusinessUnitRequest, RenameBusinessUnitRequest, ReparentBusinessUnitRequest } from './dto/business-unit.dto';
import { AsOfQuery } from './dto/employee.dto';

/**
 * Access: HR and admins change the tree within the units they govern (a new unit needs scope over
 * its parent; only full scope registers the root); readers need read scope over the unit.
 */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units')
export class BusinessUnitsController {
  constructor(
    private readonly register: RegisterBusinessUnitHandler,
    private readonly reparent: ReparentBusinessUnitHandler,
    private readonly rename: RenameBusinessUnitHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiCreatedResponse({ description: 'Registered (or already registered with the same data: appended 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Unknown parent, second root, or id reused with other data' })
  @ApiConflictResponse({ type: ApiError })
  async create(@Body() body: RegisterBusinessUnitRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    if (body.parentId) await this.access.assertBusinessUnit(caller, body.parentId, 'write');
    else if ((await this.access.writableBusinessUnits(caller)) !== null) throw forbidden('OUT_OF_SCOPE', 'Only a caller governing every unit registers the root');
    return this.register.handle({ businessUnitId: body.businessUnitId, name: body.name, parentId: body.parentId ?? null }, ctx);
  }

  @Post(':businessUnitId/reparent')
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiBody({ type: ReparentBusinessUnitRequest })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Would create a cycle' })
  @ApiNotFoundResponse({ type: ApiError })
  async move(@Param() p: BusinessUnitParam, @Body() body: ReparentBusinessUnitRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    // Moving a unit takes it out of one subtree and into another: both must be the caller's.
    await this.access.assertBusinessUnit(caller, p.businessUnitId, 'write');
    await this.access.assertBusinessUnit(caller, body.parentId, 'write');
    return this.reparent.handle({ businessUnitId: p.businessUnitId, toParentId: body.parentId }, ctx);
  }

  @Post(':businessUnitId/rename')
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ApiError })
  async retitle(@Param() p: BusinessUnitParam, @Body() body: RenameBusinessUnitRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.access.assertBusinessUnit(caller, p.businessUnitId, 'write');
    return this.rename.handle({ businessUnitId: p.businessUnitId, name: body.name }, ctx);
  }

  @Get(':businessUnitId')
  @Roles('manager', 'hr', 'executive', 'analyst', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The unit as the write side knows it (optionally as of an instant)' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: BusinessUnitParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    await this.access.assertBusinessUnit(caller, p.businessUnitId, 'read');
    const { state, version } = await this.store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider, { asOf: q.asOf });
    const unit = state.units.get(p.businessUnitId);
    if (!unit) throw new BusinessUnitNotFound(p.businessUnitId);
    const children = [...state.units].filter(([, u]) => u.parentId === p.businessUnitId).map(([id]) => id);
    return { businessUnitId: p.businessUnitId, name: unit.name, parentId: unit.parentId, children, version, asOf: q.asOf ?? null };
  }
}
