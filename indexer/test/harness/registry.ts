// A stand-in for Ponder's virtual `ponder:registry` module in unit tests (vitest aliases it here):
// `ponder.on` only records the handler, so tests can feed events to it without Ponder or a chain.

export type Handler = (args: { event: never; context: never }) => Promise<void> | void;

export const registrations = new Map<string, Handler>();

export const ponder = {
  on(name: string, handler: Handler): void {
    if (registrations.has(name)) throw new Error(`two handlers registered for ${name}`);
    registrations.set(name, handler);
  },
};
