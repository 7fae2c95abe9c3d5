// Linking an X account, and signing in with one, through X's OAuth 2.0 Authorization Code flow
// with PKCE (S256).
//
// start: a random 256-bit `state` and a PKCE verifier are stored (the state hashed, the verifier
// encrypted) for 10 minutes, bound to the browser (a random httpOnly cookie; only its hash is
// stored) and, for linking, to the signed-in session. The browser goes to X's consent page.
// callback: the state is spent by one conditional UPDATE, and only for the browser that started it;
// a replayed, expired, unknown or foreign state is refused before X is asked anything. Then the code
// is traded for tokens (with the verifier), X says who the account is (GET /2/users/me), and the
// link or the sign-in is written in one transaction serialised per X account id.
import { createHash, randomBytes } from "node:crypto";
import { socialId } from "@boon/contracts";
import * as oauth from "oauth4webapi";
import { recordAudit } from "../audit/audit.repository.ts";
import type { AuthContext } from "../auth/roles.ts";
import { findActiveSession } from "../auth/session.repository.ts";
import { type IssuedSession, startSession } from "../auth/session.service.ts";
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { unauthenticated } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { findUserById } from "../users/user.repository.ts";
import { recordUserCreated } from "../users/user-created.ts";
import { insertOAuthState, type OAuthPurpose, spendOAuthState } from "./oauth-states.repository.ts";
import type { SocialContext } from "./social-context.ts";
import {
  findXAccount,
  findXAccountOfUser,
  insertHandleHistory,
  insertXAccount,
  lockXUserId,
  storeTokens,
} from "./x-accounts.repository.ts";
import { XUnauthorizedError, type XUser } from "./x-api.ts";
import { XOAuthError, type XTokens } from "./x-oauth.ts";
import { recordProfileChange } from "./x-profile.ts";
import { sealTokens } from "./x-tokens.ts";

export const STATE_TTL_SECONDS = 600;
/** The httpOnly cookie that binds a flow to the browser that started it. */
export const FLOW_COOKIE = "boon_x_flow";
const BINDING_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (value: string) => createHash("sha256").update(value).digest();
const verifierAad = (stateHash: Buffer) => `x_oauth_states:${stateHash.toString("hex")}`;

/** Why a callback did not link or sign in: a machine code for the dApp's redirect. */
export class CallbackRefusal extends Error {
  override readonly name = "CallbackRefusal";
  readonly code: string;
  /** The dApp path to return to, when the state said which. */
  readonly redirectTo: string | undefined;
  constructor(code: string, message: string, redirectTo?: string) {
    super(message);
    this.code = code;
    this.redirectTo = redirectTo;
  }
}

export type StartedFlow = { authorizeUrl: string; browserBinding: string; expiresAt: Date };

/** Starts a flow: stores state and verifier, returns X's consent URL and the browser binding. */
export async function startXAuthorization(
  ctx: SocialContext,
  request: {
    purpose: OAuthPurpose;
    redirectTo: string;
    auth: AuthContext | undefined;
    /** The browser's existing binding cookie, reused so parallel tabs do not break each other. */
    browserBinding: string | undefined;
  },
): Promise<StartedFlow> {
  let owner: { sessionId: string; userId: string } | undefined;
  if (request.purpose === "link") {
    const session = request.auth && (await findActiveSession(ctx.pool, request.auth.sessionId));
    if (!session || session.userId !== request.auth?.userId)
      throw unauthenticated("unauthenticated", "Sign in first to link an X account");
    owner = { sessionId: session.sessionId, userId: session.userId };
  }
  const browserBinding =
    request.browserBinding && BINDING_FORMAT.test(request.browserBinding)
      ? request.browserBinding
      : randomBytes(32).toString("base64url");
  const state = randomBytes(32).toString("base64url");
  const verifier = oauth.generateRandomCodeVerifier();
  const stateHash = sha256(state);
  const expiresAt = await insertOAuthState(ctx.pool, {
    stateHash,
    purpose: request.purpose,
    sessionId: owner?.sessionId ?? null,
    userId: owner?.userId ?? null,
    browserHash: sha256(browserBinding),
    codeVerifierEnc: ctx.cipher.encrypt(verifier, verifierAad(stateHash)),
    keyId: ctx.cipher.keyId,
    redirectTo: request.redirectTo,
    ttlSeconds: STATE_TTL_SECONDS,
  });
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const authorizeUrl = ctx.oauth.authorizationUrl(state, challenge).toString();
  return { authorizeUrl, browserBinding, expiresAt };
}

export type CompletedFlow =
  | { kind: "linked"; redirectTo: string; xUser: XUser }
  | { kind: "signed_in"; redirectTo: string; xUser: XUser; session: IssuedSession };

/** Completes a flow from X's callback parameters; throws a CallbackRefusal with a code otherwise. */
export async function completeXAuthorization(
  ctx: SocialContext,
  callback: {
    params: URLSearchParams;
    browserBinding: string | undefined;
    auth: AuthContext | undefined;
    requestId: string | undefined;
  },
): Promise<CompletedFlow> {
  const state = callback.params.get("state") ?? "";
  const flow = await spendState(ctx, state, callback.browserBinding);
  const { redirectTo } = flow;
  if (flow.purpose === "link") await checkLinkSession(ctx, flow, callback.auth);
  const tokens = await exchange(ctx, callback.params, state, flow.verifier, redirectTo);
  const xUser = await whoIs(ctx, tokens, redirectTo);
  if (flow.purpose === "link") {
    const link = { userId: flow.userId as string, redirectTo, requestId: callback.requestId };
    await linkAccount(ctx, link, xUser, tokens).catch(async (error: unknown) => {
      // Nothing keeps tokens we will not store: end the grant at X.
      await ctx.oauth.revoke(tokens.refreshToken ?? tokens.accessToken).catch(() => {});
      throw error;
    });
    return { kind: "linked", redirectTo, xUser };
  }
  const session = await signIn(ctx, xUser, tokens, callback.requestId);
  return { kind: "signed_in", redirectTo, xUser, session };
}

type SpentFlow = {
  purpose: OAuthPurpose;
  sessionId: string | null;
  userId: string | null;
  verifier: string;
  redirectTo: string;
};

async function spendState(
  ctx: SocialContext,
  state: string,
  browserBinding: string | undefined,
): Promise<SpentFlow> {
  if (!BINDING_FORMAT.test(state))
    throw new CallbackRefusal("x_state_invalid", "The sign-in with X carried no valid state");
  const stateHash = sha256(state);
  const binding =
    browserBinding && BINDING_FORMAT.test(browserBinding) ? browserBinding : undefined;
  const spent = await spendOAuthState(ctx.pool, stateHash, binding ? sha256(binding) : undefined);
  switch (spent.kind) {
    case "unknown":
      throw new CallbackRefusal("x_state_invalid", "This sign-in with X is unknown; start again");
    case "used":
      throw new CallbackRefusal(
        "x_state_used",
        "This sign-in with X was already completed; start again",
        spent.redirectTo,
      );
    case "other_browser":
      throw new CallbackRefusal(
        "x_state_mismatch",
        "This sign-in with X was started in another browser; start again here",
        spent.redirectTo,
      );
  }
  const { state: row } = spent;
  if (row.expired)
    throw new CallbackRefusal(
      "x_state_expired",
      "This sign-in with X took too long (10 minutes); start again",
      row.redirectTo,
    );
  return {
    purpose: row.purpose,
    sessionId: row.sessionId,
    userId: row.userId,
    verifier: ctx.cipher.decrypt(row.codeVerifierEnc, row.keyId, verifierAad(stateHash)),
    redirectTo: row.redirectTo,
  };
}

/** Linking: the session that started it must still be live and be the one calling back. */
async function checkLinkSession(
  ctx: SocialContext,
  flow: SpentFlow,
  auth: AuthContext | undefined,
): Promise<void> {
  if (auth && auth.sessionId !== flow.sessionId)
    throw new CallbackRefusal(
      "x_state_mismatch",
      "This X link was started by another session; start again",
      flow.redirectTo,
    );
  const session = await findActiveSession(ctx.pool, flow.sessionId as string);
  if (!session || session.userId !== flow.userId)
    throw new CallbackRefusal(
      "x_session_ended",
      "You signed out before the X link completed; sign in and start again",
      flow.redirectTo,
    );
}

async function exchange(
  ctx: SocialContext,
  params: URLSearchParams,
  state: string,
  verifier: string,
  redirectTo: string,
): Promise<XTokens> {
  try {
    return await ctx.oauth.exchangeCode(params, state, verifier);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      const denied = error.error === "access_denied";
      throw new CallbackRefusal(
        denied ? "x_access_denied" : "x_authorization_failed",
        denied ? "You cancelled on X" : `X did not authorize: ${error.error}`,
        redirectTo,
      );
    }
    if (error instanceof XOAuthError && error.kind === "refused")
      throw new CallbackRefusal(
        "x_exchange_failed",
        "X refused the authorization code",
        redirectTo,
      );
    ctx.logger.warn({ err: error }, "X code exchange failed");
    throw new CallbackRefusal("x_unavailable", "X could not be reached; try again", redirectTo);
  }
}

async function whoIs(ctx: SocialContext, tokens: XTokens, redirectTo: string): Promise<XUser> {
  try {
    return await ctx.api.me(tokens.accessToken);
  } catch (error) {
    if (!(error instanceof XUnauthorizedError))
      ctx.logger.warn({ err: error }, "X /2/users/me failed");
    throw new CallbackRefusal("x_unavailable", "X did not say which account signed in", redirectTo);
  }
}

/** Links `xUser` to `userId`: refused if it is another user's, or the user has another one. */
async function linkAccount(
  ctx: SocialContext,
  link: { userId: string; redirectTo: string; requestId: string | undefined },
  xUser: XUser,
  tokens: XTokens,
): Promise<void> {
  const { userId, requestId } = link;
  const refusal = await withTransaction(ctx.pool, async (db) => {
    await lockXUserId(db, xUser.id);
    const existing = await findXAccount(db, xUser.id);
    if (existing && existing.userId !== userId) return "x_account_linked_to_other_user" as const;
    const mine = await findXAccountOfUser(db, userId);
    if (mine && mine.xUserId !== xUser.id) return "x_other_account_linked" as const;
    if (existing) await relinked(ctx, db, xUser, tokens);
    else await newLink(ctx, db, userId, xUser, tokens, "link", requestId);
    return undefined;
  });
  if (refusal === "x_account_linked_to_other_user")
    throw new CallbackRefusal(
      refusal,
      `@${xUser.username} is linked to another Boon account; unlink it there first`,
      link.redirectTo,
    );
  if (refusal)
    throw new CallbackRefusal(
      refusal,
      "Another X account is linked to your Boon account; unlink it first",
      link.redirectTo,
    );
}

/** Signs in as the owner of `xUser`, creating the Boon account (and the link) the first time. */
function signIn(
  ctx: SocialContext,
  xUser: XUser,
  tokens: XTokens,
  requestId: string | undefined,
): Promise<IssuedSession> {
  return withTransaction(ctx.pool, async (db) => {
    // Serialised per X id: concurrent first sign-ins of one account create one user.
    await lockXUserId(db, xUser.id);
    const existing = await findXAccount(db, xUser.id);
    let user = existing && (await findUserById(db, existing.userId));
    if (user) await relinked(ctx, db, xUser, tokens);
    else {
      const { rows } = await db.query<{ id: string }>(
        "INSERT INTO users DEFAULT VALUES RETURNING id",
      );
      const id = (rows[0] as { id: string }).id;
      user = await findUserById(db, id);
      await recordUserCreated(db, id, "x", requestId, { xUserId: xUser.id });
      await newLink(ctx, db, id, xUser, tokens, "sign_in", requestId);
    }
    if (!user) throw new Error("the signed-in user vanished");
    return startSession(db, ctx.config, user, "x");
  });
}

/** The same account signed in again: fresh tokens, the profile as X tells it now. */
async function relinked(ctx: SocialContext, db: PoolClient, xUser: XUser, tokens: XTokens) {
  await storeTokens(db, xUser.id, sealTokens(ctx.cipher, xUser.id, tokens));
  await recordProfileChange(db, xUser);
}

async function newLink(
  ctx: SocialContext,
  db: PoolClient,
  userId: string,
  xUser: XUser,
  tokens: XTokens,
  via: "link" | "sign_in",
  requestId: string | undefined,
): Promise<void> {
  const profile = { xUserId: xUser.id, handle: xUser.username, name: xUser.name };
  const id = socialId("x", xUser.id);
  await insertXAccount(
    db,
    { ...profile, userId, socialId: id },
    sealTokens(ctx.cipher, xUser.id, tokens),
  );
  await insertHandleHistory(db, profile);
  await recordAudit(db, {
    actorUserId: userId,
    action: "x.linked",
    subjectType: "x_account",
    subjectId: xUser.id,
    details: { handle: xUser.username, via },
    ...(requestId ? { requestId } : {}),
  });
  await appendEvent(db, {
    type: "x.linked",
    subject: { type: "x_account", id: xUser.id },
    userId,
    payload: { ...profile, via, socialId: id },
  });
}
