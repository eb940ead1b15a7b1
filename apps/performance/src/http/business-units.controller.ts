import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  ORG_STRUCTURE_STREAM,
  RegisterBusinessUnitHandler,
  RenameBusinessUnitHandler,
  ReparentBusinessUnitHandler,
} from '@tpm/performance-application';
import { BusinessUnitNotFound, orgStructureDecider } from '@tpm/performance-domain';
import type { EventStore } from '@tpm/event-store';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { BusinessUnitParam, RegisterBusinessUnitRequest, RenameBusinessUnitRequest, ReparentBusinessUnitRequest } from './dto/business-unit.dto';
import { AsOfQuery } from './dto/employee.dto';

@ApiTags('organization')
@Controller('org/business-units')
export class BusinessUnitsController {
  constructor(
    private readonly register: RegisterBusinessUnitHandler,
    private readonly reparent: ReparentBusinessUnitHandler,
    private readonly rename: RenameBusinessUnitHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiCreatedResponse({ description: 'Registered (or already registered with the same data: appended 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Unknown parent, second root, or id reused with other data' })
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: RegisterBusinessUnitRequest, @Ctx() ctx: RequestContext) {
    return this.register.handle({ businessUnitId: body.businessUnitId, name: body.name, parentId: body.parentId ?? null }, ctx);
  }

  @Post(':businessUnitId/reparent')
  @HttpCode(200)
  @ApiBody({ type: ReparentBusinessUnitRequest })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Would create a cycle' })
  @ApiNotFoundResponse({ type: ApiError })
  move(@Param() p: BusinessUnitParam, @Body() body: ReparentBusinessUnitRequest, @Ctx() ctx: RequestContext) {
    return this.reparent.handle({ businessUnitId: p.businessUnitId, toParentId: body.parentId }, ctx);
  }

  @Post(':businessUnitId/rename')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ApiError })
  retitle(@Param() p: BusinessUnitParam, @Body() body: RenameBusinessUnitRequest, @Ctx() ctx: RequestContext) {
    return this.rename.handle({ businessUnitId: p.businessUnitId, name: body.name }, ctx);
  }

  @Get(':businessUnitId')
  @ApiOkResponse({ description: 'The unit as the write side knows it (optionally as of an instant)' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: BusinessUnitParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider, { asOf: q.asOf });
    const unit = state.units.get(p.businessUnitId);
    if (!unit) throw new BusinessUnitNotFound(p.businessUnitId);
    const children = [...state.units].filter(([, u]) => u.parentId === p.businessUnitId).map(([id]) => id);
    return { businessUnitId: p.businessUnitId, name: unit.name, parentId: unit.parentId, children, version, asOf: q.asOf ?? null };
  }
}
