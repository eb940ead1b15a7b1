import { Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { Public, Roles } from '@tpm/auth';
import { IsUUID, Matches } from 'class-validator';
import { documentOfModule, operationIdOf, summaryOf } from './openapi-document';

class PlanParam {
  @IsUUID() planId!: string;
  @Matches(/^[A-Z]{2}$/) region!: string;
}

@Controller('plans')
class SubmitPlanController {
  @Post(':region/:planId/submit')
  @Roles('hr')
  @HttpCode(202)
  create(@Param() _p: PlanParam) {
    return null;
  }
}

@Controller('plans')
class PlanController {
  @Get(':region/:planId')
  @Roles('hr')
  get(@Param() _p: PlanParam) {
    return null;
  }

  @Get(':region/:planId/history')
  @Roles('hr')
  history(@Param('planId') _id: string, @Param('region') _r: string) {
    return null;
  }
}

@Controller('health')
class HealthController {
  @Get()
  @Public()
  check() {
    return null;
  }
}

@Module({ controllers: [SubmitPlanController, PlanController, HealthController] })
class TestModule {}

// As `npm run openapi` builds it: Nest's preview mode, no provider instantiated.
const documentOf = () => documentOfModule(TestModule, { title: 'Test', description: 'A test service' });

describe('the OpenAPI document a client can use', () => {
  it('declares the path parameters a whole @Param() DTO receives, in path order, with their validation', async () => {
    const op = (await documentOf()).paths['/plans/{region}/{planId}/submit'].post!;
    expect(op.parameters).toEqual([
      { name: 'region', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}$' } },
      { name: 'planId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ]);
  });

  it('requires the bearer token on every operation but the public ones', async () => {
    const doc = await documentOf();
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/plans/{region}/{planId}'].get!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/health'].get!.security).toEqual([]);
  });

  it('names operations after their use case, and describes the success and the refusals that apply', async () => {
    const doc = await documentOf();
    const submit = doc.paths['/plans/{region}/{planId}/submit'].post!;
    expect(submit).toMatchObject({ operationId: 'submitPlan', summary: 'Submit plan' });
    expect(Object.keys(submit.responses).sort()).toEqual(['202', '400', '401', '403', '404', '409', '422']);
    expect(submit.responses['409']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } });
    const read = doc.paths['/plans/{region}/{planId}'].get!;
    expect(read).toMatchObject({ operationId: 'plan', summary: 'Read plan' });
    expect(Object.keys(read.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(doc.paths['/plans/{region}/{planId}/history'].get).toMatchObject({ operationId: 'planHistory', summary: 'Plan: history' });
    expect(Object.keys(doc.paths['/health'].get!.responses).sort()).toEqual(['200', '400']);
    expect(doc.info.license?.name).toMatch(/Proprietary/);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('derives summaries and ids from controller and handler names', () => {
    expect(summaryOf({ controller: 'RegisterBusinessUnitController', handler: 'create', siblings: 1 })).toBe('Register business unit');
    expect(summaryOf({ controller: 'OffboardEmployeeController', handler: 'leave', siblings: 1 })).toBe('Offboard employee');
    expect(summaryOf({ controller: 'NeedsController', handler: 'list', siblings: 2 })).toBe('List needs');
    expect(summaryOf({ controller: 'PlanCommandsController', handler: 'approve', siblings: 5 })).toBe('Plan: approve');
    expect(operationIdOf({ controller: 'PlanCommandsController', handler: 'approve', siblings: 5 })).toBe('planApprove');
    expect(operationIdOf({ controller: 'AppraisalCycleController', handler: 'get', siblings: 3 })).toBe('appraisalCycle');
  });
});
