import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
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
import { ACCESS_POLICY, Caller, Roles, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
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
 *
 * Access: HR and admins within the units they govern; a manager may also transfer within theirs
 * (both the source and the target unit); an employee reads their own record.
 */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees')
export class EmployeesController {
  constructor(
    private readonly onboard: OnboardEmployeeHandler,
    private readonly transfer: TransferEmployeeHandler,
    private readonly changeManager: ChangeManagerHandler,
    private readonly offboard: OffboardEmployeeHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiCreatedResponse({ description: 'Onboarded (or already onboarded with the same data: appended 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async create(@Body() body: OnboardEmployeeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.access.assertBusinessUnit(caller, body.businessUnitId, 'write');
    const { managerEmployeeNumber, ...rest } = body;
    return this.onboard.handle({ ...rest, managerId: managerEmployeeNumber ? employeeIdFor(managerEmployeeNumber) : null }, ctx);
  }

  @Post(':employeeNumber/transfer')
  @Roles('hr', 'manager', 'admin')
  @HttpCode(200)
  @ApiNotFoundResponse({ type: ApiError })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this employee at the same time' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async move(@Param() p: EmployeeNumberParam, @Body() body: TransferEmployeeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const employeeId = employeeIdFor(p.employeeNumber);
    await this.access.assertEmployee(caller, employeeId, 'write');
    await this.access.assertBusinessUnit(caller, body.toBusinessUnitId, 'write');
    return this.transfer.handle({ employeeId, toBusinessUnitId: body.toBusinessUnitId, position: body.position ?? null }, ctx);
  }

  @Post(':employeeNumber/manager')
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async manager(@Param() p: EmployeeNumberParam, @Body() body: ChangeManagerRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.access.assertEmployee(caller, employeeIdFor(p.employeeNumber), 'write');
    const managerId = body.managerEmployeeNumber === null ? null : employeeIdFor(body.managerEmployeeNumber);
    return this.changeManager.handle({ employeeId: employeeIdFor(p.employeeNumber), managerId }, ctx);
  }

  @Post(':employeeNumber/offboard')
  @Roles('hr', 'admin')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async leave(@Param() p: EmployeeNumberParam, @Body() body: OffboardEmployeeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.access.assertEmployee(caller, employeeIdFor(p.employeeNumber), 'write');
    return this.offboard.handle({ employeeId: employeeIdFor(p.employeeNumber), reason: body.reason ?? null }, ctx);
  }

  @Get(':employeeNumber')
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The employee as the write side knows them, optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: EmployeeNumberParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    const employeeId = employeeIdFor(p.employeeNumber);
    await this.access.assertEmployee(caller, employeeId, 'read');
    const { state, version } = await this.store.aggregate(employeeStream(employeeId), employeeDecider, { asOf: q.asOf });
    if (state.status === 'new') throw new EmployeeNotOnboarded(employeeId);
    return { ...state, version, asOf: q.asOf ?? null };
  }
}
