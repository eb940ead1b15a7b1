import { createHmac, randomBytes } from 'node:crypto';
import type { AnonymousFeedbackHoldingArea, Ballot, HeldEntry, ReleaseSession, SealingSession } from '../peer-feedback.holding-area';

/** The holding area's behaviour for handler specs: keyed hashes, one entry per reviewer, keys destroyed at release. No locks (one process). */
export class InMemoryHoldingArea implements AnonymousFeedbackHoldingArea {
  readonly keys = new Map<string, Buffer>();
  readonly entries = new Map<string, HeldEntry & { cycleId: string; requestMac: string }>();

  private macs(key: Buffer, b: Ballot) {
    const h = (...parts: string[]) => createHmac('sha256', key).update(parts.join('\u0000')).digest('hex');
    return { reviewer: h('reviewer', b.reviewerId, b.cycleId, b.employeeId), request: h('request', b.reviewerId, b.feedbackId) };
  }

  async sealing<T>(cycleId: string, work: (session: SealingSession) => Promise<T>): Promise<T> {
    return work({
      sealed: async (b) => {
        const key = this.keys.get(cycleId);
        if (!key) return 'no';
        const m = this.macs(key, b);
        const held = this.entries.get(m.reviewer);
        return !held ? 'no' : held.requestMac === m.request ? 'this-request' : 'another';
      },
      hold: async (b, e) => {
        if (!this.keys.has(cycleId)) this.keys.set(cycleId, randomBytes(32));
        const m = this.macs(this.keys.get(cycleId)!, b);
        if (this.entries.has(m.reviewer)) return false;
        this.entries.set(m.reviewer, { ...e, cycleId, requestMac: m.request });
        return true;
      },
    });
  }

  async releasing<T>(cycleId: string, work: (session: ReleaseSession) => Promise<T>): Promise<T> {
    const mine = () => [...this.entries].filter(([, e]) => e.cycleId === cycleId);
    return work({
      held: async () => mine().map(([, { cycleId: _c, requestMac: _r, ...e }]) => e),
      destroy: async () => {
        for (const [k] of mine()) this.entries.delete(k);
        this.keys.delete(cycleId);
      },
    });
  }

  async cyclesHolding(): Promise<string[]> {
    return [...new Set([...[...this.entries.values()].map((e) => e.cycleId), ...this.keys.keys()])];
  }
}
