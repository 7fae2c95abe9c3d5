import { ponder } from "ponder:registry";
import { rewardBudget } from "ponder:schema";
import { logAdminEvent, metaOf, setPaused, setRole } from "./admin.ts";
import { bumpDaily } from "./stats.ts";

// A claim has no event of its own: its record is BOON's Transfer from the distributor (see
// BoonToken.ts). Here: the daily budget, caps, pause and roles.

ponder.on("RewardDistributor:BudgetSet", async ({ event, context }) => {
  const { budget, minted, burned } = event.args;
  const day = Number(event.args.day);
  await context.db
    .insert(rewardBudget)
    .values({ day, budget, minted, burned })
    .onConflictDoUpdate((row) => ({
      budget,
      minted: row.minted + minted,
      burned: row.burned + burned,
    }));
  await bumpDaily(context.db, day, { rewardsMinted: minted });
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
