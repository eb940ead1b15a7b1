import 'reflect-metadata';
import { bootstrapService } from '@tpm/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  title: 'Training service',
  description: 'Training and performance management: the training context.',
});
