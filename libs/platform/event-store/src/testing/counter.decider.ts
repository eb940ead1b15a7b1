import type { Decider } from '@tpm/kernel';

/** A counter: `Add` appends `Added`; the smallest decider that writes (for the store's own specs). */
export type Added = { type: 'Added'; data: { n: number } };
export const counter: Decider<{ type: 'Add'; data: { n: number } }, Added, number> = {
  initialState: () => 0,
  decide: (c) => [{ type: 'Added', data: { n: c.data.n } }],
  evolve: (s, e) => s + e.data.n,
};
