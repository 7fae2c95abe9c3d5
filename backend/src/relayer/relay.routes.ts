import type { Request } from "express";
import type { AppDeps } from "../deps.ts";
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from "../http/idempotency.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { listOf } from "../http/pages.ts";
import { requestIdOf } from "../http/request-context.ts";
import {
  claimIdParams,
  type RelayClaimBody,
  relayClaimBody,
  relayClaimSchema,
  relayInfoSchema,
} from "./relay.schemas.ts";
import {
  listMyRelayClaims,
  type RelayRequest,
  readRelayClaim,
  relayInfo,
  requestRelayClaim,
} from "./relay.service.ts";
import type { Caller } from "./relay-context.ts";

const op = operations({ tags: ["relay"], auth: "public" });

const infoOp = op.get("/v1/relay", {
  summary:
    "Whether gas-free claims are on, Boon's custody address (claims into credits) and the limits",
  responses: { 200: success("The relayer", relayInfoSchema) },
});

const claimOp = op.post("/v1/relay/claims", {
  summary: "Claim gifts gas-free: Boon's relayer sends the claim and pays its gas",
  description:
    "`link` / `link_batch`: the link key's LinkClaim(giftId, to) signature(s); no session needed for a wallet `to`; `to` = the custody address (GET /v1/relay) claims into the signed-in user's Boon credits. `social`: every open gift of the caller's linked X account, to a wallet the caller proved by SIWE or `{ credits: true }`. Checked and simulated first: a refusal queues nothing and spends no gas. An optional Idempotency-Key (signed-in callers) replays the first answer.",
  request: { body: relayClaimBody },
  responses: {
    202: success("Queued; follow it with GET /v1/relay/claims/{id}", relayClaimSchema),
    401: failure("Claims into credits and social claims need a session (`unauthenticated`)"),
    403: failure("`wallet_not_proven`: the wallet is not one you proved by SIWE"),
    404: failure("`gift_not_found`, `x_account_not_linked`, `no_open_gifts`"),
    409: failure(
      "`gift_already_claimed`; `claim_in_progress` (a relayed claim of the gift is on its way); `idempotency_conflict`",
    ),
    410: failure("`gift_expired`"),
    422: failure(
      "`invalid_signature`, `claim_would_revert` (the reason in the message), `token_not_creditable`",
    ),
    429: failure("`relay_limit_reached` (per user per day, per IP per hour), with Retry-After"),
    503: failure("`relay_budget_exhausted` (Retry-After: the next UTC day), `relay_disabled`"),
  },
});

const readOp = op.get("/v1/relay/claims/{id}", {
  summary: "A relayed claim's status",
  description:
    "Link claims to a wallet are readable by id without a session; claims into credits and social claims only by their user.",
  request: { params: claimIdParams },
  responses: {
    200: success("The claim", relayClaimSchema),
    404: failure("`relay_claim_not_found`"),
  },
});

const listOp = op.get("/v1/me/relay/claims", {
  summary: "Your relayed claims, newest first (at most 100)",
  auth: "user",
  responses: { 200: success("Claims", listOf(relayClaimSchema)) },
});

function callerOf(req: Request): Caller {
  return {
    userId: req.auth?.userId,
    ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
    requestId: requestIdOf(req),
    idempotencyKey:
      req.headers[IDEMPOTENCY_HEADER] === undefined ? undefined : idempotencyKeyOf(req),
  };
}

function relayRequest(body: RelayClaimBody): RelayRequest {
  if (body.kind === "social") return body;
  if (body.kind === "link")
    return {
      kind: "link",
      to: body.to,
      claims: [{ giftId: body.giftId, signature: body.signature }],
    };
  return body;
}

export function relayRoutes(api: Api, deps: AppDeps): void {
  api.route(infoOp, (_input, _req, res) => {
    res.json(relayInfo(deps));
  });

  api.route(claimOp, async ({ body }, req, res) => {
    const result = await requestRelayClaim(deps, callerOf(req), relayRequest(body));
    if (result.replayed) res.setHeader("idempotent-replayed", "true");
    res.status(202).json(result.answer);
  });

  api.route(readOp, async ({ params }, req, res) => {
    res.json(await readRelayClaim(deps.pool, params.id, req.auth?.userId));
  });

  api.serveUser(listOp, (userId) => listMyRelayClaims(deps.pool, userId));
}
