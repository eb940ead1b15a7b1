import 'reflect-metadata';
import { bootstrapService } from '@tpm/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  title: 'Coaching service',
  description: 'Training and performance management: the coaching context.',
});
