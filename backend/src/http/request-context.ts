import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";

export const REQUEST_ID_HEADER = "x-request-id";
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's well-formed request id (for tracing across services), otherwise makes one. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === "string" && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** pino-http with request ids in and out (`x-request-id`) and one log line per request. */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFor(req);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customLogLevel: (_req, res, error) => {
      if (error || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "warn";
      return "info";
    },
    autoLogging: { ignore: (req) => req.url === "/health" || req.url === "/metrics" },
    quietReqLogger: true,
  }) as unknown as RequestHandler;
}

/** The request id assigned by `requestLogger`. */
export function requestIdOf(req: { id?: unknown }): string | undefined {
  return typeof req.id === "string" ? req.id : undefined;
}

/** `{ requestId }` for an audit entry, when the request has one. */
export function auditRequestId(req: { id?: unknown }): { requestId?: string } {
  const id = requestIdOf(req);
  return id === undefined ? {} : { requestId: id };
}
