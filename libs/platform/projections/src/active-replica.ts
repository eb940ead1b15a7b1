import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ACTIVE_LOCK, lockKeySql } from './checkpoint.store';
import { dedicatedConnection } from './lock-connection';
import type { Logger } from '@tpm/logging';

export type RunnerState = 'stopped' | 'standby' | 'active';

export interface ActiveReplicaOptions {
  /** Lock name: one replica per name is active across every process. */
  name: string;
  dataSource: DataSource;
  logger: Logger;
  /** How often a standby replica retries the lock, and the active one checks it still holds it. */
  lockRetryMs: number;
  /** Starts the work once the lock is won; a throw hands the lock back and retries later. */
  activate(): Promise<void>;
  /** Stops the work; called before the lock is released (lost, failed or stopping). */
  deactivate(): Promise<void>;
  onError?(error: unknown): void;
}

/**
 * Exactly one active replica per name: a session advisory lock on a connection of its own, so
 * that ending the connection (or the process dying) hands it over. Shared by every runner.
 */
export class ActiveReplica {
  private startFailures = 0;
  private currentState: RunnerState = 'stopped';
  private stopping = false;
  private lockClient: Client | null = null;
  private working = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private activeWaiters: (() => void)[] = [];

  constructor(private readonly options: ActiveReplicaOptions) {}

  get state(): RunnerState {
    return this.currentState;
  }

  /** Returns at once; the work starts when this replica wins the lock (see `whenActive`). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.currentState = 'standby';
    this.loop = this.acquireAndRun();
  }

  whenActive(): Promise<void> {
    if (this.currentState === 'active') return Promise.resolve();
    return new Promise((resolve) => this.activeWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.release('stopped');
    this.currentState = 'stopped';
  }

  /** The work cannot go on (say, its consumer crashed for good): hand the lock over, retry later. */
  standDown(): Promise<void> {
    return this.release('standby');
  }

  private async acquireAndRun(): Promise<void> {
    const { name } = this.options;
    while (!this.stopping) {
      if (this.currentState !== 'active' && (await this.tryLock())) {
        try {
          this.working = true;
          await this.options.activate();
          this.currentState = 'active';
          this.startFailures = 0;
          for (const w of this.activeWaiters.splice(0)) w();
        } catch (e) {
          this.options.onError?.(e);
          // A first start races the broker (topics just created, leaders being elected): it is
          // retried, so the first failures are warnings; one that keeps failing is an error.
          const failures = ++this.startFailures;
          const fields = { projection: name, err: String(e), attempt: failures };
          if (failures < 3) this.options.logger.warn(fields, 'runner failed to start; retrying');
          else this.options.logger.error(fields, 'runner failed to start');
          await this.release('standby');
        }
      } else if (this.currentState === 'active' && !(await this.stillLocked())) {
        this.options.logger.warn({ projection: name }, 'projection lock lost; standing by');
        await this.release('standby');
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.options.lockRetryMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async tryLock(): Promise<boolean> {
    const { name, logger } = this.options;
    const client = dedicatedConnection(this.options.dataSource);
    client.on('error', (e) => logger.warn({ projection: name, err: String(e) }, 'projection lock connection error'));
    try {
      await client.connect();
      const { rows } = await client.query(`SELECT pg_try_advisory_lock${lockKeySql} AS locked`, [ACTIVE_LOCK + name]);
      if (rows[0].locked) {
        this.lockClient = client;
        return true;
      }
    } catch (e) {
      logger.warn({ projection: name, err: String(e) }, 'projection lock attempt failed');
    }
    await client.end().catch(() => undefined);
    return false;
  }

  private async stillLocked(): Promise<boolean> {
    try {
      await this.lockClient!.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async release(to: RunnerState): Promise<void> {
    if (this.working) {
      this.working = false;
      await this.options.deactivate().catch((e) => this.options.logger.warn({ projection: this.options.name, err: String(e) }, 'runner stop failed'));
    }
    const lock = this.lockClient;
    this.lockClient = null;
    // Ending the connection releases the session lock, even if the unlock query cannot run.
    await lock?.end().catch(() => undefined);
    if (this.currentState !== 'stopped') this.currentState = to;
  }
}
