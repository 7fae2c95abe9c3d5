import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
// pino-http adds `req.log`; this pulls its type augmentation into every program that uses this file.
import type {} from "pino-http";
import { z } from "zod";

/** An error meant for the client: rendered as `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Extra response headers, e.g. Retry-After on 429. */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (code: string, message: string, details?: unknown) =>
  new AppError(401, code, message, details);
export const forbidden = (code: string, message: string, details?: unknown) =>
  new AppError(403, code, message, details);
export const notFound = (code: string, message: string, details?: unknown) =>
  new AppError(404, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
export const tooManyRequests = (code: string, message: string, retryAfterSeconds?: number) =>
  new AppError(
    429,
    code,
    message,
    retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
    retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) },
  );
export const serviceUnavailable = (code: string, message: string, details?: unknown) =>
  new AppError(503, code, message, details);

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
    const appError = toAppError(error);
    if (appError.status >= 500) {
      (req.log ?? logger).error({ err: error }, "request failed");
    }
    for (const [name, value] of Object.entries(appError.headers)) res.setHeader(name, value);
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details === undefined ? {} : { details: appError.details }),
      },
    });
  };
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return badRequest("invalid_request", "The request is invalid", zodIssues(error));
  }
  const e = (typeof error === "object" && error !== null ? error : {}) as BodyParserError;
  switch (e.type) {
    case "entity.parse.failed":
      return badRequest("invalid_json", "The request body is not valid JSON");
    case "entity.too.large":
      return new AppError(413, "payload_too_large", "The request body is too large");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError(
        415,
        "unsupported_encoding",
        "The request body encoding is not supported",
      );
    case "request.aborted":
      return badRequest("request_aborted", "The request was aborted");
  }
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.expose === true) {
    return new AppError(e.status, "bad_request", "The request could not be processed");
  }
  return new AppError(500, "internal_error", "Something went wrong on our side");
}
