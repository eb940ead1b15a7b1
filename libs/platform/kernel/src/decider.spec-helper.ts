import type { Decider } from './decider';
import { fold } from './decider';

/**
 * Given events / When command / Then events (or an error), for any decider.
 *   given([scheduled()]).when(enrol('ana')).then([enrolled('ana')])
 * Uses plain Jest expectations so failures show a readable diff.
 */
export const deciderSpec =
  <C, E, S>(decider: Decider<C, E, S>) =>
  (givenEvents: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, fold(decider, givenEvents));
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenThrows: (error: abstract new (...args: never[]) => Error, message?: string | RegExp) => {
          expect(run).toThrow(error as unknown as new (...args: unknown[]) => Error);
          if (message) expect(run).toThrow(message);
        },
        thenState: (check: (state: S) => void) => check([...givenEvents, ...run()].reduce(decider.evolve, decider.initialState())),
      };
    },
  });
