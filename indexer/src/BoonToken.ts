import { ponder } from "ponder:registry";
import { allowance, rewardClaim, transfer } from "ponder:schema";
import { isAddressEqual, zeroAddress } from "viem";
import { metaOf, setRole } from "./admin.ts";
import { dayOf } from "./logic/time.ts";
import { bumpAccount, bumpDaily } from "./stats.ts";

ponder.on("BoonToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  const { db } = context;
  await db.insert(transfer).values({
    id: event.id,
    from,
    to,
    amount: value,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  // Mints come from and burns go to the zero address, which holds no balance.
  if (!isAddressEqual(from, zeroAddress)) await bumpAccount(db, from, { boonBalance: -value });
  if (isAddressEqual(to, zeroAddress)) return;
  // The RewardDistributor moves BOON out only to pay a claim: this Transfer is the claim's record.
  const paysReward = isAddressEqual(from, context.contracts.RewardDistributor.address);
  const account = await bumpAccount(db, to, {
    boonBalance: value,
    ...(paysReward ? { rewardsClaimed: value, rewardClaimsCount: 1 } : {}),
  });
  if (!paysReward) return;
  const day = dayOf(event.block.timestamp);
  await db.insert(rewardClaim).values({
    id: event.id,
    account: to,
    relayer: event.transaction.from,
    amount: value,
    cumulativeAmount: account.rewardsClaimed,
    day,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await bumpDaily(db, day, { rewardClaims: 1, rewardsPaid: value });
});

ponder.on("BoonToken:Approval", async ({ event, context }) => {
  const { owner, spender, value } = event.args;
  await context.db
    .insert(allowance)
    .values({ owner, spender, amount: value, updatedBlock: event.block.number })
    .onConflictDoUpdate({ amount: value, updatedBlock: event.block.number });
});

ponder.on("BoonToken:RoleGranted", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, true);
});

ponder.on("BoonToken:RoleRevoked", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, false);
});
