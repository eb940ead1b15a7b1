import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  ChangeManagerHandler,
  employeeIdFor,
  employeeStream,
  OffboardEmployeeHandler,
  OnboardEmployeeHandler,
  TransferEmployeeHandler,
} from '@tpm/performance-application';
import { employeeDecider, EmployeeNotOnboarded } from '@tpm/performance-domain';
import type { EventStore } from '@tpm/event-store';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import {
  AsOfQuery,
  ChangeManagerRequest,
  EmployeeNumberParam,
  OffboardEmployeeRequest,
  OnboardEmployeeRequest,
  TransferEmployeeRequest,
} from './dto/employee.dto';

/**
 * Employees are addressed by their HRIS employee number; the id in events derives from it
 * (see employee-number.identity.ts), so both always name the same person.
 */
@ApiTags('organization')
@Controller('org/employees')
export class EmployeesController {
  constructor(
    private readonly onboard: OnboardEmployeeHandler,
    private readonly transfer: TransferEmployeeHandler,
    private readonly changeManager: ChangeManagerHandler,
    private readonly offboard: OffboardEmployeeHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiCreatedResponse({ description: 'Onboarded (or already onboarded with the same data: appended 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: OnboardEmployeeRequest, @Ctx() ctx: RequestContext) {
    const { managerEmployeeNumber, ...rest } = body;
    return this.onboard.handle({ ...rest, managerId: managerEmployeeNumber ? employeeIdFor(managerEmployeeNumber) : null }, ctx);
  }

  @Post(':employeeNumber/transfer')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ApiError })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this employee at the same time' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  move(@Param() p: EmployeeNumberParam, @Body() body: TransferEmployeeRequest, @Ctx() ctx: RequestContext) {
    return this.transfer.handle({ employeeId: employeeIdFor(p.employeeNumber), toBusinessUnitId: body.toBusinessUnitId, position: body.position ?? null }, ctx);
  }

  @Post(':employeeNumber/manager')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ type: ApiError })
  manager(@Param() p: EmployeeNumberParam, @Body() body: ChangeManagerRequest, @Ctx() ctx: RequestContext) {
    const managerId = body.managerEmployeeNumber === null ? null : employeeIdFor(body.managerEmployeeNumber);
    return this.changeManager.handle({ employeeId: employeeIdFor(p.employeeNumber), managerId }, ctx);
  }

  @Post(':employeeNumber/offboard')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ type: ApiError })
  leave(@Param() p: EmployeeNumberParam, @Body() body: OffboardEmployeeRequest, @Ctx() ctx: RequestContext) {
    return this.offboard.handle({ employeeId: employeeIdFor(p.employeeNumber), reason: body.reason ?? null }, ctx);
  }

  @Get(':employeeNumber')
  @ApiOkResponse({ description: 'The employee as the write side knows them, optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: EmployeeNumberParam, @Query() q: AsOfQuery) {
    const employeeId = employeeIdFor(p.employeeNumber);
    const { state, version } = await this.store.aggregate(employeeStream(employeeId), employeeDecider, { asOf: q.asOf });
    if (state.status === 'new') throw new EmployeeNotOnboarded(employeeId);
    return { ...state, version, asOf: q.asOf ?? null };
  }
}
