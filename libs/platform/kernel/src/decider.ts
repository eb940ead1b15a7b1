/** The pure core of an aggregate: decide turns a command into facts, evolve folds facts into state. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A domain event or command: a discriminated `{ type, data }` pair. */
export interface Message<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};

export const fold = <E, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: E[]): S =>
  events.reduce(decider.evolve, decider.initialState());
