/** Thrown by `step` once a shutdown has begun: the start-up stops where it is. */
export class StoppingError extends Error {
  constructor() {
    super("stopping");
  }
}

export type Lifecycle = {
  /** Runs one start-up step; what it started must be registered with `onStop` inside `run`. */
  step<T>(run: () => Promise<T>): Promise<T>;
  /** Registers how to stop something that was started; stoppers run last-registered first. */
  onStop(stopper: () => Promise<void>): void;
  /** Waits for the step in flight (so what it starts is stopped too), then stops everything. */
  shutdown(): Promise<void>;
  readonly stopping: boolean;
};

/**
 * The start/stop bookkeeping of `npm start`. A shutdown (Ctrl-C, SIGTERM, a failed step) that
 * arrives while a step is still starting something waits for that step, so nothing it started is
 * left running or left on disk.
 */
export function createLifecycle(options: { onError?: (error: unknown) => void } = {}): Lifecycle {
  const stoppers: Array<() => Promise<void>> = [];
  let inFlight: Promise<unknown> = Promise.resolve();
  let stopping = false;
  let stopped: Promise<void> | undefined;
  return {
    get stopping() {
      return stopping;
    },
    async step<T>(run: () => Promise<T>): Promise<T> {
      if (stopping) throw new StoppingError();
      const result = run();
      inFlight = result.catch(() => {});
      const value = await result;
      if (stopping) throw new StoppingError();
      return value;
    },
    onStop(stopper) {
      stoppers.push(stopper);
    },
    shutdown() {
      stopping = true;
      stopped ??= (async () => {
        await inFlight;
        for (const stop of stoppers.reverse()) {
          await stop().catch((error: unknown) => options.onError?.(error));
        }
      })();
      return stopped;
    },
  };
}
