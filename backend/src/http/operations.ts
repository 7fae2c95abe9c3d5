// One declaration per API operation — method, path, auth, rate limit, request schemas, responses —
// serves both the Express registration (guards, body parser, zod validation) and the OpenAPI
// document, so the two cannot drift. The responses every operation can give because of how it is
// declared (400 for bad input, 401/403 for auth, 413/415 for a body, 429 for rate limits) are
// added here; a declaration lists only its own (201, 404, 409, 422, 503, ...).
import express, { type Request, type RequestHandler, type Response, Router } from "express";
import { z } from "zod";
import { authOf, requireAuth } from "../auth/middleware.ts";
import type { Role } from "../auth/roles.ts";
import type { AppDeps } from "../deps.ts";
import { errorResponseSchema } from "./errors.ts";
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from "./idempotency.ts";
import type { RateLimiters } from "./rate-limit.ts";
import { noQuery, parse } from "./validate.ts";

/**
 * Who may call: anyone; a signed-in user (the access token alone); a user whose session is still
 * live in the database (money and sign-in-method changes, see `requireLiveSession`); given roles.
 */
export type Auth = "public" | "user" | "live" | { roles: readonly Role[] };

/** The raw bytes of the body (a signed webhook), not parsed JSON. */
export type RawBody = { raw: true; limit: number; description: string };

export type ResponseDoc = { description: string; schema?: z.ZodType; contentType?: string };

/** A success answer with its body's schema. */
export function success(description: string, schema: z.ZodType): ResponseDoc {
  return { description, schema };
}

/** An error answer (`{ error: { code, message, details } }`), described by its codes. */
export function failure(description: string): ResponseDoc {
  return { description, schema: errorResponseSchema };
}

export type RequestSchemas = {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType | RawBody;
};

export type Operation<S extends RequestSchemas = RequestSchemas> = {
  method: "get" | "post" | "delete";
  /** OpenAPI style, `{name}` for path parameters: `/v1/purchases/{id}`. */
  path: `/${string}`;
  tags: string[];
  summary: string;
  description?: string;
  auth: Auth;
  /**
   * The extra limiter of sign-in, money, X lookup and attestation endpoints; `exempt` skips the
   * per-IP/user one too.
   */
  rateLimit?: Exclude<keyof RateLimiters, "global"> | "exempt";
  /** Requires an Idempotency-Key header (money endpoints); documents it and 409. */
  idempotent?: boolean;
  request?: S;
  /** This operation's own answers; the generic ones are added from the declaration. */
  responses: Record<number, ResponseDoc>;
};

/** What the operations of one router share; each declaration states only what differs. */
type Shared = Pick<Operation, "tags" | "auth" | "rateLimit">;

type Declaration<S extends RequestSchemas> = Omit<
  Operation<S>,
  "method" | "path" | "tags" | "auth"
> &
  Partial<Pick<Operation<S>, "auth">>;

/**
 * Declares a router's operations from what they share:
 * `const op = operations({ tags: ["kyc"], auth: "user" })`, then `op.get(path, { summary, ... })`.
 */
export function operations(shared: Shared) {
  const declare =
    (method: Operation["method"]) =>
    <S extends RequestSchemas = RequestSchemas>(
      path: Operation["path"],
      declaration: Declaration<S>,
    ): Operation<S> => ({ method, path, ...shared, ...declaration });
  return { get: declare("get"), post: declare("post"), delete: declare("delete") };
}

/** What a money operation declares: a live session and the money limiter. */
export const MONEY = { auth: "live", rateLimit: "money" } as const satisfies Partial<Operation>;
/** A money operation that creates something once per Idempotency-Key (a purchase, a delivery). */
export const MONEY_ONCE = { ...MONEY, idempotent: true } as const satisfies Partial<Operation>;

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export type Input<S extends RequestSchemas> = {
  params: Out<S["params"]>;
  query: S["query"] extends z.ZodType ? z.output<S["query"]> : Record<string, never>;
  body: S["body"] extends RawBody ? Buffer : Out<S["body"]>;
  /** The validated Idempotency-Key of an `idempotent` operation ("" otherwise). */
  idempotencyKey: string;
};

export type Handler<S extends RequestSchemas> = (
  input: Input<S>,
  req: Request,
  res: Response,
) => Promise<void> | void;

const GENERIC: Record<number, string> = {
  400: "Invalid input: `invalid_request` (zod issues in `details`), `invalid_json`, or a domain code",
  401: "Not signed in, or the session has ended (`unauthenticated`)",
  403: "Signed in without the required role (`forbidden`)",
  409: "The Idempotency-Key was used with another request (`idempotency_conflict`)",
  413: "The body is larger than the limit (`payload_too_large`)",
  415: "The body's charset or content encoding is not supported (`unsupported_encoding`)",
  429: "Rate limited (`rate_limited`); see Retry-After",
};

function isRaw(body: RequestSchemas["body"]): body is RawBody {
  return typeof body === "object" && body !== null && "raw" in body;
}

/** Every status the declaration implies, with its own answers taking precedence. */
export function responsesOf(op: Operation): Record<number, ResponseDoc> {
  const implied = [
    400,
    ...(op.auth === "public" ? [] : [401]),
    ...(typeof op.auth === "object" ? [403] : []),
    ...(op.idempotent ? [409] : []),
    ...(op.request?.body ? [413, 415] : []),
    ...(op.rateLimit === "exempt" ? [] : [429]),
  ];
  const generic = Object.fromEntries(
    implied.map((status) => [status, failure(GENERIC[status] as string)]),
  );
  return { ...generic, ...op.responses };
}

/** Express's `:name` for OpenAPI's `{name}`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

/**
 * Every API answer is about its caller or this moment (a session, a balance, a nonce, a 401), so
 * none may be kept by a browser or a shared cache; set first, so errors carry it too.
 */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("cache-control", "no-store");
  next();
};

function guard(deps: AppDeps, auth: Auth): RequestHandler[] {
  if (auth === "public") return [];
  if (auth === "live") return [deps.guards.requireLiveSession];
  if (auth === "user") return [requireAuth];
  return [deps.guards.requireRole(...auth.roles)];
}

function limiters(deps: AppDeps, op: Operation): RequestHandler[] {
  if (op.rateLimit === "exempt") return [];
  const extra = op.rateLimit ? [deps.rateLimit[op.rateLimit]] : [];
  return [deps.rateLimit.global, ...extra];
}

function bodyParser(deps: AppDeps, body: RequestSchemas["body"]): RequestHandler[] {
  if (!body) return [];
  if (isRaw(body)) return [express.raw({ type: () => true, limit: body.limit })];
  return [express.json({ limit: deps.config.bodyLimitBytes, strict: true })];
}

function validated<S extends RequestSchemas>(op: Operation<S>, req: Request): Input<S> {
  const schemas = op.request ?? ({} as S);
  const idempotencyKey = op.idempotent ? idempotencyKeyOf(req) : "";
  const params = schemas.params
    ? parse(schemas.params, { ...req.params }, "path parameters")
    : undefined;
  const query = parse(schemas.query ?? noQuery, { ...req.query }, "query string");
  const body =
    schemas.body === undefined
      ? undefined
      : isRaw(schemas.body)
        ? req.body
        : parse(schemas.body, req.body, "request body");
  return { params, query, body, idempotencyKey } as Input<S>;
}

function successStatus(op: Operation): number {
  const statuses = Object.keys(op.responses)
    .map(Number)
    .filter((status) => status < 300);
  if (statuses.length !== 1 || statuses[0] === undefined)
    throw new Error(`${op.method.toUpperCase()} ${op.path}: document one success status`);
  return statuses[0];
}

export type Api = {
  /** Registers an operation: guards, limiters, body parser, validation, then the handler. */
  route<S extends RequestSchemas>(op: Operation<S>, handler: Handler<S>): void;
  /**
   * Registers the usual operation of a signed-in caller: the caller's id and the validated input
   * go to a service, whose result is the answer, sent as JSON with the one success status the
   * operation documents.
   */
  serveUser<S extends RequestSchemas>(
    op: Operation<S>,
    serve: (userId: string, input: Input<S>, req: Request) => unknown,
  ): void;
  router: Router;
  /** Every registered operation, in registration order (the OpenAPI document's source). */
  operations: Operation[];
};

export function createApi(deps: AppDeps): Api {
  const router = Router();
  const operations: Operation[] = [];
  function route<S extends RequestSchemas>(op: Operation<S>, handler: Handler<S>): void {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    if (params.length > 0 && !op.request?.params)
      throw new Error(`${op.method.toUpperCase()} ${op.path}: declare its path parameters`);
    operations.push(op as Operation);
    router[op.method](
      expressPath(op.path),
      noStore,
      ...limiters(deps, op as Operation),
      ...guard(deps, op.auth),
      ...bodyParser(deps, op.request?.body),
      async (req, res) => handler(validated(op, req), req, res),
    );
  }
  return {
    router,
    operations,
    route,
    serveUser(op, serve) {
      const status = successStatus(op as Operation);
      route(op, async (input, req, res) => {
        res.status(status).json(await serve(authOf(req).userId, input, req));
      });
    },
  };
}

/** The Idempotency-Key header as documented on idempotent operations. */
export const idempotencyHeaderDoc = z.object({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .min(8)
    .max(255)
    .meta({ description: "A unique key per operation (e.g. a UUID); a retry sends the same" }),
});
