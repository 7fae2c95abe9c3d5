import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { type Api, operations, success } from "../http/operations.ts";
import { cursorPage, pageOf } from "../http/pages.ts";
import { cursorSchema, queryInt } from "../http/schemas.ts";
import { listActivity, type StoredActivity } from "./activity.repository.ts";
import {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  activityRefShape,
} from "./activity-shape.ts";

const itemSchema = z.object({
  id: z.string(),
  at: z.string().meta({ format: "date-time" }),
  kind: z.enum(ACTIVITY_KINDS),
  direction: z.enum(ACTIVITY_DIRECTIONS),
  amount: z.string().describe("BOON base units (integer string, 18 decimals)"),
  amountCents: z.number().int().nullable().describe("US cents, for card money"),
  status: z.enum(ACTIVITY_STATUSES),
  title: z.string(),
  counterparty: z.string().nullable().describe("The other side: an address, @handle or label"),
  txHash: z.string().nullable(),
  ref: z.object(activityRefShape(z.string().optional())),
});

const activityQuery = z.object({
  limit: queryInt({ min: 1, max: 100, default: 50 }),
  before: cursorSchema,
});

const activityOp = operations({ tags: ["me"], auth: "user" }).get("/v1/me/activity", {
  summary: "The signed-in user's activity, newest first (cursor-paginated)",
  description:
    "Purchases and refunds, gifts and withdrawals paid from credits, and on-chain facts for the user's linked wallets and X account (gifts received, claimed, refunded). Built from the user's domain events; a new fact appears within moments.",
  request: { query: activityQuery },
  responses: { 200: success("Activity", pageOf(itemSchema)) },
});

function view(item: StoredActivity) {
  return {
    id: item.id,
    at: item.at.toISOString(),
    kind: item.kind,
    direction: item.direction,
    amount: item.amount.toString(),
    amountCents: item.amountCents,
    status: item.status,
    title: item.title,
    counterparty: item.counterparty,
    txHash: item.txHash,
    ref: item.ref,
  };
}

export function activityRoutes(api: Api, deps: AppDeps): void {
  api.serveUser(activityOp, (userId, { query }) =>
    cursorPage(
      { limit: query.limit, cursor: query.before },
      (window) => listActivity(deps.pool, userId, window),
      view,
      (item) => item.seq.toString(),
    ),
  );
}
