/** Runs `tick` again at once while it reports work, else after `idleMs`; stop() waits for it. */
export function pollLoop(
  tick: () => Promise<boolean>,
  idleMs: number,
  onError: (error: unknown) => void,
): { start(): void; stop(): Promise<void> } {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  async function run(): Promise<void> {
    while (running) {
      const busy = await tick().catch((error: unknown) => {
        onError(error);
        return false;
      });
      if (!running || busy) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }
  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
