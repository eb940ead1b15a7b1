import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { RecordScope, Ctx, type RequestContext } from '@tpm/service-kit';
import { PolicyParam } from '../dto/ids.dto';
import { MeasureEffectRequest } from '../dto/policy.dto';
import { policyScope } from '../scope/record-units.resolver';
import { ScopedEffectMeasurement } from './scoped-effect-measurement';

@ApiTags('rewards: incentive effect')
@Controller('rewards/policies/:policyId/effect-measurements')
export class MeasureEffectController {
  constructor(private readonly measure: ScopedEffectMeasurement) {}

  @Post()
  @Roles('hr', 'analyst', 'admin')
  @RecordScope(policyScope('own-work'))
  create(@Param() p: PolicyParam, @Body() b: MeasureEffectRequest, @Ctx() ctx: RequestContext) {
    return this.measure.handle(p.policyId, b.businessUnitId ?? null, ctx);
  }
}
