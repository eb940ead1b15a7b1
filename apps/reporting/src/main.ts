import 'reflect-metadata';
import { runService } from '@tpm/service-kit';

// Loaded by runService: a configuration error is one line, not a stack trace.
void runService(() => import('./app.module').then((m) => m.AppModule), {
  title: 'Reporting service',
  description: 'Read models for dashboards, analysts and auditors: org headcounts, the cross-service audit trail.',
});
