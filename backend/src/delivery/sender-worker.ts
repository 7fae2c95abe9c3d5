import { pollLoop } from "./poll-loop.ts";
import { syncSender } from "./senders.repository.ts";
import type { WorkerContext } from "./worker-context.ts";

export type SenderWorker = { tick(): Promise<boolean>; start(): void; stop(): Promise<void> };

/**
 * The loop every outbox worker shares (delivery and relay): each tick first catches the sender's
 * next nonce up with the chain when needed (at start and after `resync`), then runs `pass`.
 */
export function senderWorker(
  base: Omit<WorkerContext, "resync">,
  options: {
    name: string;
    pass: (ctx: WorkerContext) => Promise<boolean>;
    startedLog: Record<string, unknown>;
  },
): SenderWorker {
  let synced = false;
  const ctx: WorkerContext = {
    ...base,
    resync: () => {
      synced = false;
    },
  };

  async function tick(): Promise<boolean> {
    if (!synced) {
      await syncWithChain(ctx);
      synced = true;
    }
    return options.pass(ctx);
  }

  const loop = pollLoop(tick, ctx.config.pollMs, (error) =>
    ctx.log.error({ err: error }, `${options.name} tick failed; retrying`),
  );
  return {
    tick,
    start() {
      ctx.log.info(options.startedLog, `${options.name} worker started`);
      loop.start();
    },
    stop: loop.stop,
  };
}

/** Raises the sender's next nonce to the chain's pending count (the key may be used elsewhere). */
async function syncWithChain(ctx: WorkerContext): Promise<void> {
  const pending = await ctx.client.getTransactionCount({
    address: ctx.sender,
    blockTag: "pending",
  });
  await syncSender(ctx.pool, ctx.sender, ctx.chainId, BigInt(pending));
}
