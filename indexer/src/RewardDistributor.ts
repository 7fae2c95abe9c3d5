import { ponder } from "ponder:registry";
import { rewardClaim } from "ponder:schema";
import { logAdminEvent, metaOf, setPaused, setRole } from "./admin.ts";
import { logId } from "./logic/gifts.ts";
import { bumpAccount, bumpDaily } from "./stats.ts";

ponder.on("RewardDistributor:RewardClaimed", async ({ event, context }) => {
  const { account, relayer, amount, cumulativeAmount } = event.args;
  const { db } = context;
  // The contract's own day number, so the stats match its daily mint cap.
  const day = Number(event.args.day);
  await db.insert(rewardClaim).values({
    id: logId(event.transaction.hash, event.log.logIndex),
    account,
    relayer,
    amount,
    cumulativeAmount,
    day,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await bumpAccount(db, account, { rewardsClaimed: amount, rewardClaimsCount: 1 });
  await bumpDaily(db, day, { rewardClaims: 1, rewardsMinted: amount });
});

ponder.on("RewardDistributor:CapsSet", async ({ event, context }) => {
  await logAdminEvent(context.db, metaOf(event), "CapsSet", event.args);
});

ponder.on("RewardDistributor:Paused", async ({ event, context }) => {
  await setPaused(context.db, metaOf(event), event.args, true);
});

ponder.on("RewardDistributor:Unpaused", async ({ event, context }) => {
  await setPaused(context.db, metaOf(event), event.args, false);
});

ponder.on("RewardDistributor:RoleGranted", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, true);
});

ponder.on("RewardDistributor:RoleRevoked", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, false);
});
