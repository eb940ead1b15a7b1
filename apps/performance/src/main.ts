import 'reflect-metadata';
import { bootstrapService } from '@tpm/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  title: 'Performance service',
  description: 'Organization (business units, employees, HRIS import), goals and appraisals.',
});
