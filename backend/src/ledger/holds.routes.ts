import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { type Api, operations, success } from "../http/operations.ts";
import { readHolds } from "./holds.ts";

const units = (what: string) => z.string().describe(`${what} (BOON base units, integer string)`);

const holdsSchema = z.object({
  available: units("Credits that may leave to a wallet now"),
  held: units("Credits that may not leave yet (recent card money, or all of a restricted account)"),
  releases: z
    .array(
      z.object({
        amount: units("How much more becomes withdrawable"),
        at: z.string().meta({ format: "date-time" }),
      }),
    )
    .describe("When held credits become withdrawable, soonest first (if the balance stays as is)"),
});

const holdsOp = operations({ tags: ["ledger"], auth: "user" }).get("/v1/me/holds", {
  summary: "Withdrawable and held credits, and when each held amount becomes withdrawable",
  description:
    "New card credits stay inside the KYC tier's hold period before they may leave to a wallet (gifts paid from credits are not held). A restricted account has no releases: support lifts the restriction.",
  responses: { 200: success("Holds", holdsSchema) },
});

export function holdsRoutes(api: Api, deps: AppDeps): void {
  api.serveUser(holdsOp, async (userId) => {
    const holds = await readHolds(deps.pool, userId, deps.config.money.holdHours);
    return {
      available: holds.available.toString(),
      held: holds.held.toString(),
      releases: holds.releases.map((r) => ({
        amount: r.amount.toString(),
        at: r.at.toISOString(),
      })),
    };
  });
}
