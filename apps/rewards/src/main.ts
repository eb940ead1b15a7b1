import 'reflect-metadata';
import { bootstrapService } from '@tpm/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  title: 'Rewards service',
  description: 'Training and performance management: the rewards context.',
});
