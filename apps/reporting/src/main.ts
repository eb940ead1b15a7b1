import 'reflect-metadata';
import { bootstrapService } from '@tpm/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  title: 'Reporting service',
  description: 'Read models for dashboards, analysts and auditors: org headcounts, the cross-service audit trail.',
});
