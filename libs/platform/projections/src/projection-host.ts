import type { ProjectionRegistration, RunnerDependencies } from './projection-registration';
import { runnerFor } from './projection-registration';
import type { RunnerState } from './active-replica';

/** What the host runs: a projection runner (Kafka or store) or a process manager. */
export interface HostedRunner {
  readonly name: string;
  readonly state: RunnerState;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): Promise<unknown>;
}

/**
 * Every projection and process manager of one service, by name: started together, stopped
 * together, reported together (status endpoint, health). A service adds its process managers
 * before start; commands and reactions look runners up by name to wait on them.
 */
export class ProjectionHost {
  private readonly runners = new Map<string, HostedRunner>();

  constructor(registrations: ProjectionRegistration[], deps: RunnerDependencies) {
    for (const r of registrations) this.add(runnerFor(r, deps));
  }

  add(runner: HostedRunner): void {
    if (this.runners.has(runner.name)) throw new Error(`Two runners are named ${runner.name}`);
    this.runners.set(runner.name, runner);
  }

  get<T extends HostedRunner>(name: string): T {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`No projection or process named ${name} runs in this service`);
    return runner as T;
  }

  async start(): Promise<void> {
    // In registration order: a process manager added after the read model it depends on starts after it.
    for (const r of this.runners.values()) await r.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  /** Active, standby or stopped per runner: a standby is healthy (another replica is active). */
  states(): Record<string, RunnerState> {
    return Object.fromEntries([...this.runners.values()].map((r) => [r.name, r.state]));
  }

  statuses(): Promise<unknown[]> {
    return Promise.all([...this.runners.values()].map((r) => r.status()));
  }
}
