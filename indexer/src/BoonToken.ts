import { ponder } from "ponder:registry";
import { allowance, transfer } from "ponder:schema";
import { zeroAddress } from "viem";
import { metaOf, setRole } from "./admin.ts";
import { logId } from "./logic/gifts.ts";
import { bumpAccount } from "./stats.ts";

ponder.on("BoonToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  const { db } = context;
  await db.insert(transfer).values({
    id: logId(event.transaction.hash, event.log.logIndex),
    from,
    to,
    amount: value,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  // Mints come from and burns go to the zero address, which holds no balance.
  if (from !== zeroAddress) await bumpAccount(db, from, { boonBalance: -value });
  if (to !== zeroAddress) await bumpAccount(db, to, { boonBalance: value });
});

ponder.on("BoonToken:Approval", async ({ event, context }) => {
  const { owner, spender, value } = event.args;
  await context.db
    .insert(allowance)
    .values({
      id: `${owner}-${spender}`,
      owner,
      spender,
      amount: value,
      updatedBlock: event.block.number,
    })
    .onConflictDoUpdate({ amount: value, updatedBlock: event.block.number });
});

ponder.on("BoonToken:RoleGranted", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, true);
});

ponder.on("BoonToken:RoleRevoked", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, false);
});
