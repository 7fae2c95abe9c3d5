/**
 * A stand-in's own clock: the wall clock plus an offset tests can move forward, so expiry (tokens,
 * codes, rate-limit windows) is tested without waiting.
 */
export type Clock = {
  /** Milliseconds since the epoch, as the stand-in sees it. */
  now(): number;
  advance(seconds: number): void;
};

export function createClock(): Clock {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new Error(`advance: expected a non-negative number of seconds, got ${seconds}`);
      offsetMs += seconds * 1000;
    },
  };
}
