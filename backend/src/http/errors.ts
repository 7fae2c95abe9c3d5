import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import {
  DomainError,
  type ErrorKind,
  notFound,
  RateLimitedError,
  UpstreamLimitedError,
} from "../errors.ts";
// `req.log` comes from the request logger; this pulls its type into every program using this file.
import type {} from "./request-context.ts";

/** How an error is rendered: `{ error: { code, message, details } }` with this status. */
export type HttpError = {
  status: number;
  code: string;
  message: string;
  details: unknown;
  /** Extra response headers, e.g. Retry-After on 429. */
  headers: Record<string, string>;
};

/** The only place a domain error's meaning becomes an HTTP status. */
const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  not_allowed: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  limit_exceeded: 422,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

function httpError(
  status: number,
  code: string,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): HttpError {
  return { status, code, message, details, headers };
}

/** The JSON shape of every error response, for OpenAPI. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** zod issues as plain data for `details`: where and what. */
export function zodIssues(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
    code: issue.code,
  }));
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound("not_found", `No route for ${req.method} ${req.path}`));
};

type BodyParserError = { type?: unknown; status?: unknown; expose?: unknown };

/** Maps anything thrown to a response; unexpected errors become a 500 without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const rendered = toHttpError(error);
    if (rendered.status >= 500) {
      (req.log ?? logger).error({ err: error }, "request failed");
    }
    for (const [name, value] of Object.entries(rendered.headers)) res.setHeader(name, value);
    res.status(rendered.status).json({
      error: {
        code: rendered.code,
        message: rendered.message,
        ...(rendered.details === undefined ? {} : { details: rendered.details }),
      },
    });
  };
}

export function toHttpError(error: unknown): HttpError {
  if (error instanceof DomainError) {
    const retryAfter =
      error instanceof RateLimitedError || error instanceof UpstreamLimitedError
        ? error.retryAfterSeconds
        : undefined;
    return httpError(
      STATUS[error.kind],
      error.code,
      error.message,
      error.details,
      retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
    );
  }
  if (error instanceof z.ZodError) {
    return httpError(400, "invalid_request", "The request is invalid", zodIssues(error));
  }
  const e = (typeof error === "object" && error !== null ? error : {}) as BodyParserError;
  switch (e.type) {
    case "entity.parse.failed":
      return httpError(400, "invalid_json", "The request body is not valid JSON");
    case "entity.too.large":
      return httpError(413, "payload_too_large", "The request body is too large");
    case "encoding.unsupported":
    case "charset.unsupported":
      return httpError(415, "unsupported_encoding", "The request body encoding is not supported");
    case "request.aborted":
      return httpError(400, "request_aborted", "The request was aborted");
  }
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.expose === true) {
    return httpError(e.status, "bad_request", "The request could not be processed");
  }
  return httpError(500, "internal_error", "Something went wrong on our side");
}
