import type { CookieOptions, Request, Response } from "express";
import { setSessionCookies } from "../auth/cookies.ts";
import type { AppDeps } from "../deps.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { requestIdOf } from "../http/request-context.ts";
import { listOpenXGifts } from "./open-gifts.service.ts";
import {
  callbackQuery,
  linkedAccountSchema,
  openGiftsSchema,
  resolvedSchema,
  resolveQuery,
  startBody,
  startResponse,
} from "./x.schemas.ts";
import { linkedAccount, unlinkX } from "./x-account.service.ts";
import {
  CallbackRefusal,
  completeXAuthorization,
  FLOW_COOKIE,
  STATE_TTL_SECONDS,
  startXAuthorization,
} from "./x-link.service.ts";

const op = operations({ tags: ["x"], auth: "user" });
const xUnavailable = failure(
  "X cannot be asked now: `x_rate_limited` (with Retry-After) or `x_unavailable`",
);
const notLinked = failure("No X account is linked to you (`x_not_linked`)");

const CALLBACK_CODES =
  "x_state_invalid, x_state_used, x_state_expired, x_state_mismatch (another browser or session), x_session_ended, x_access_denied (cancelled on X), x_authorization_failed, x_exchange_failed, x_unavailable, x_account_linked_to_other_user, x_other_account_linked, internal_error";

const startOp = op.post("/v1/auth/x/start", {
  summary: "Start linking an X account, or signing in with X (OAuth 2.0 with PKCE)",
  description:
    "Returns X's consent URL; send the browser there. Sets the httpOnly cookie `boon_x_flow` that binds the flow to this browser (send credentials). The state and PKCE verifier live 10 minutes and work once. `link` needs a live session.",
  auth: "public",
  rateLimit: "auth",
  request: { body: startBody },
  responses: {
    200: success("Consent URL", startResponse),
    401: failure("`link` without a live session (`unauthenticated`)"),
  },
});

const callbackOp = op.get("/v1/auth/x/callback", {
  summary:
    "Where X sends the browser back: completes the link or the sign-in, then returns to the dApp",
  description: `Always redirects (303) to the dApp path the flow started with: \`?x=linked\` or \`?x=signed_in\` (session cookies set), or \`?x=error&code=<code>\`: ${CALLBACK_CODES}.`,
  auth: "public",
  rateLimit: "auth",
  request: { query: callbackQuery },
  responses: { 303: { description: "Back to the dApp with the outcome in `x` and `code`" } },
});

const meXOp = op.get("/v1/me/x", {
  summary: "Your linked X account",
  responses: {
    200: success("The linked account", linkedAccountSchema),
    404: notLinked,
  },
});

const unlinkOp = op.delete("/v1/me/x", {
  summary: "Unlink your X account (it may then be linked to another Boon account)",
  description: "Changes how one signs in, so it needs a live session. Revokes Boon's grant at X.",
  auth: "live",
  rateLimit: "auth",
  responses: {
    200: success("The account that was unlinked", linkedAccountSchema),
    404: notLinked,
  },
});

const resolveOp = op.get("/v1/x/resolve", {
  summary: "Who an X handle, profile link or post link names (the recipient of a gift to it)",
  description:
    "A handle is looked up for at most 5 minutes (X_HANDLE_CACHE_SECONDS): handles can be renamed and taken by someone else; the id is what gifts go to. Codes: invalid_x_recipient (400), x_user_not_found, x_post_not_found (404), x_user_suspended (422), x_rate_limited, x_unavailable (503).",
  rateLimit: "xLookup",
  request: { query: resolveQuery },
  responses: {
    200: success("The account (and post)", resolvedSchema),
    404: failure("`x_user_not_found`, `x_post_not_found`"),
    422: failure("`x_user_suspended`"),
    503: xUnavailable,
  },
});

const giftsOp = op.get("/v1/me/x/gifts", {
  summary: "The open gifts to your linked X account, ready for claimSocialBatch",
  description:
    "From the indexer: gifts still open and not expiring within 2 minutes, soonest expiry first (at most 100 per answer).",
  responses: {
    200: success("Open gifts", openGiftsSchema),
    404: notLinked,
    503: failure("The indexer's views cannot be read (`indexer_unavailable`)"),
  },
});

function flowCookie(deps: AppDeps): CookieOptions {
  return {
    httpOnly: true,
    secure: deps.config.secureCookies,
    // Lax: sent on the top-level navigation back from X, never on cross-site subrequests.
    sameSite: "lax",
    path: "/v1/auth/x",
    maxAge: STATE_TTL_SECONDS * 1000,
  };
}

function cookie(req: Request, name: string): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

/** The dApp URL to return to, with the outcome; never another origin. */
function backToDapp(deps: AppDeps, path: string | undefined, outcome: Record<string, string>) {
  const origin = deps.config.social.x.dappOrigin;
  let url = new URL(path ?? "/claim/x", origin);
  if (url.origin !== origin) url = new URL("/claim/x", origin);
  for (const [key, value] of Object.entries(outcome)) url.searchParams.set(key, value);
  return url.toString();
}

export function xRoutes(api: Api, deps: AppDeps): void {
  const ctx = deps.social;

  api.route(startOp, async ({ body }, req, res) => {
    const flow = await startXAuthorization(ctx, {
      purpose: body.purpose,
      redirectTo: body.redirectTo,
      auth: req.auth,
      browserBinding: cookie(req, FLOW_COOKIE),
    });
    res.cookie(FLOW_COOKIE, flow.browserBinding, flowCookie(deps));
    res.json({ authorizeUrl: flow.authorizeUrl, expiresAt: flow.expiresAt.toISOString() });
  });

  api.route(callbackOp, async ({ query }, req, res) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    res.redirect(303, await callbackOutcome(deps, params, req, res));
  });

  api.serveUser(meXOp, (userId) => linkedAccount(ctx, userId));
  api.serveUser(unlinkOp, (userId, _input, req) => unlinkX(ctx, userId, requestIdOf(req)));

  api.route(resolveOp, async ({ query }, _req, res) => {
    const resolved = await ctx.resolver.resolve(query.q);
    res.json({ ...resolved, profileUrl: `https://x.com/${resolved.handle}` });
  });

  api.serveUser(giftsOp, (userId) => listOpenXGifts(ctx, userId));
}

/** Completes the flow and says where the browser goes; every refusal is a redirect with a code. */
async function callbackOutcome(
  deps: AppDeps,
  params: URLSearchParams,
  req: Request,
  res: Response,
): Promise<string> {
  try {
    const done = await completeXAuthorization(deps.social, {
      params,
      browserBinding: cookie(req, FLOW_COOKIE),
      auth: req.auth,
      requestId: requestIdOf(req),
    });
    deps.metrics.authEvents.inc({ event: `x_${done.kind}`, outcome: "success" });
    if (done.kind === "signed_in") setSessionCookies(res, deps.config, done.session);
    return backToDapp(deps, done.redirectTo, { x: done.kind });
  } catch (error) {
    deps.metrics.authEvents.inc({ event: "x_callback", outcome: "failure" });
    if (error instanceof CallbackRefusal) {
      req.log.info({ code: error.code, reason: error.message }, "X callback refused");
      return backToDapp(deps, error.redirectTo, { x: "error", code: error.code });
    }
    req.log.error({ err: error }, "X callback failed");
    return backToDapp(deps, undefined, { x: "error", code: "internal_error" });
  }
}
