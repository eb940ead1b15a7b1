let on = false;

/** Whether an SDK runs in this process (`startTracing`); without one the platform skips its span work. */
export const tracingStarted = (): boolean => on;

/** Set by `startTracing` and its shutdown only. */
export const markTracingStarted = (started: boolean): void => {
  on = started;
};
