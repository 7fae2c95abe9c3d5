// Domain errors: what went wrong, in the domain's words. Services and repositories throw these and
// never know about HTTP; the one HTTP error handler (http/errors.ts) maps each kind to a status.
// Each error carries a machine code (`insufficient_balance`) and a human message for the client.

export type ErrorKind =
  /** The input is malformed or out of range. */
  | "invalid"
  /** Who is asking is not established: no, bad or spent credentials. */
  | "unauthenticated"
  /** The caller may not do this. */
  | "not_allowed"
  | "not_found"
  /** It existed but is over for good (an expired gift). */
  | "gone"
  /** The request contradicts the current state (already used, already exists, another owner). */
  | "conflict"
  /** The amount is over what may move: a balance, a hold, a KYC tier's limit. */
  | "limit_exceeded"
  /** Well-formed, but a business rule refuses it. */
  | "unprocessable"
  /** Too many attempts; retry later. */
  | "rate_limited"
  /** A dependency (mail, payment provider) or a not-yet-known fact; retry later. */
  | "unavailable";

export class DomainError extends Error {
  override readonly name = "DomainError";
  declare readonly kind: ErrorKind;
  declare readonly code: string;
  declare readonly details: unknown;

  constructor(kind: ErrorKind, code: string, message: string, details?: unknown) {
    super(message);
    Object.assign(this, { kind, code, details });
  }
}

const kindOf =
  (kind: ErrorKind) =>
  (code: string, message: string, details?: unknown): DomainError =>
    new DomainError(kind, code, message, details);

export const invalid = kindOf("invalid");
export const unauthenticated = kindOf("unauthenticated");
export const notAllowed = kindOf("not_allowed");
export const notFound = kindOf("not_found");
export const gone = kindOf("gone");
export const conflict = kindOf("conflict");
export const limitExceeded = kindOf("limit_exceeded");
export const unprocessable = kindOf("unprocessable");
export const unavailable = kindOf("unavailable");

/** Too many attempts; `retryAfterSeconds` (when known) tells the client when to come back. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number | undefined;
  constructor(code: string, message: string, retryAfterSeconds?: number) {
    super(
      "rate_limited",
      code,
      message,
      retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const rateLimited = (code: string, message: string, retryAfterSeconds?: number) =>
  new RateLimitedError(code, message, retryAfterSeconds);

/**
 * A service Boon depends on is throttling Boon (e.g. X's rate limit): 503 with a Retry-After, so
 * clients back off without treating it as their own fault.
 */
export class UpstreamLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super("unavailable", code, message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const rateLimitedUpstream = (code: string, message: string, retryAfterSeconds: number) =>
  new UpstreamLimitedError(code, message, retryAfterSeconds);
