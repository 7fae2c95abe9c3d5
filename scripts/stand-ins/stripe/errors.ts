// Stripe's error answers (https://docs.stripe.com/api/errors): an HTTP status and
// `{ error: { type, message, code?, param? } }`, with a `request-id` header on every API answer.
import { randomBytes } from "node:crypto";
import { json, type Reply } from "../http.ts";

export type StripeErrorType = "invalid_request_error" | "idempotency_error" | "api_error";

export class StripeApiError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  constructor(
    status: number,
    message: string,
    options: { param?: string; code?: string; type?: StripeErrorType } = {},
  ) {
    super(message);
    this.status = status;
    this.type = options.type ?? "invalid_request_error";
    this.code = options.code;
    this.param = options.param;
  }
}

/** 404 `resource_missing`, worded as Stripe words it ("No such checkout.session: 'cs_…'"). */
export function noSuch(resource: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, `No such ${resource}: '${id}'`, {
    code: "resource_missing",
    param,
  });
}

/** 400 `parameter_missing`. */
export function missingParam(param: string): StripeApiError {
  return new StripeApiError(400, `Missing required param: ${param}.`, {
    code: "parameter_missing",
    param,
  });
}

/** 400 `parameter_invalid_*`. */
export function invalidParam(param: string, message: string): StripeApiError {
  return new StripeApiError(400, message, { code: "parameter_invalid", param });
}

export function apiReply(status: number, body: unknown): Reply {
  return json(status, body, { "request-id": `req_${randomBytes(7).toString("hex")}` });
}

export function errorReply(error: StripeApiError): Reply {
  return apiReply(error.status, {
    error: {
      type: error.type,
      message: error.message,
      ...(error.code ? { code: error.code } : {}),
      ...(error.param ? { param: error.param } : {}),
    },
  });
}
