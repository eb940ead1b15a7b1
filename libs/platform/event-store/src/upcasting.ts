import type { Upcaster } from './event-store';

/** Chains upcasters (v1→v2→v3) on read; stored history stays as written. */
export class UpcasterChain {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  constructor(upcasters: Upcaster[] = []) {
    for (const u of upcasters) {
      if (u.toVersion <= u.fromVersion) throw new Error(`Upcaster for ${u.type} must raise the version (${u.fromVersion}→${u.toVersion})`);
      this.byKey.set(`${u.type}@${u.fromVersion}`, u);
      this.current.set(u.type, Math.max(this.current.get(u.type) ?? 1, u.toVersion));
    }
  }

  /** The version new events of this type are written at: the last upcaster's target, else 1. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
    let version = schemaVersion;
    let current = data;
    for (let u = this.byKey.get(`${type}@${version}`); u; u = this.byKey.get(`${type}@${version}`)) {
      current = u.upcast(current);
      version = u.toVersion;
    }
    return { schemaVersion: version, data: current };
  }
}
