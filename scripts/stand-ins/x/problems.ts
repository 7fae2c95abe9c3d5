// X API v2's error bodies, as X sends them
// (https://docs.x.com/x-api/fundamentals/response-codes-and-errors and observed responses):
// - request-level failures (auth, rate limit) are RFC 7807-style problems with a top-level
//   `title`, `detail`, `type`, `status`;
// - invalid parameters are a 400 with `errors[]` of `{ parameters, message }`;
// - a resource that is missing or not visible is NOT an HTTP error: X answers 200 with an
//   `errors[]` entry (`value`, `detail`, `title`, `resource_type`, `parameter`, `resource_id`,
//   `type`) and no `data`.
import { json, type Reply } from "../http.ts";

const PROBLEMS = "https://api.twitter.com/2/problems";

/** Problem bodies are served as JSON problem documents. */
function problem(status: number, body: Record<string, unknown>, headers = {}): Reply {
  return json(status, body, headers, "application/problem+json");
}

/** 401: no token, an unknown one, or an expired or revoked one. */
export function unauthorized(): Reply {
  return problem(401, {
    title: "Unauthorized",
    type: "about:blank",
    status: 401,
    detail: "Unauthorized",
  });
}

/** 403: a user-context endpoint called with the app-only bearer token. */
export function appOnlyForbidden(): Reply {
  return problem(403, {
    title: "Unsupported Authentication",
    detail:
      "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
    type: `${PROBLEMS}/unsupported-authentication`,
    status: 403,
  });
}

/** 403: a user token whose granted scopes do not cover the endpoint. */
export function missingScopes(): Reply {
  return problem(403, {
    title: "Forbidden",
    type: "about:blank",
    status: 403,
    detail: "Forbidden",
  });
}

/** 429: the endpoint's window is spent; the x-rate-limit-* headers say when it resets. */
export function tooManyRequests(headers: Record<string, string>): Reply {
  return problem(
    429,
    { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
    headers,
  );
}

export type ParameterError = { parameter: string; value: string; message: string };

/** 400: one entry per invalid parameter, each naming the parameter and the offending value. */
export function invalidRequest(errors: ParameterError[]): Reply {
  return json(400, {
    errors: errors.map((e) => ({ parameters: { [e.parameter]: [e.value] }, message: e.message })),
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: `${PROBLEMS}/invalid-request`,
  });
}

export type ResourceError = {
  value: string;
  detail: string;
  title: string;
  resource_type: "user" | "tweet";
  parameter: string;
  resource_id: string;
  type: string;
};

export function notFound(
  resourceType: "user" | "tweet",
  parameter: string,
  value: string,
): ResourceError {
  return {
    value,
    detail: `Could not find ${resourceType} with ${parameter}: [${value}].`,
    title: "Not Found Error",
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEMS}/resource-not-found`,
  };
}

/** X reports a suspended account as "Forbidden" under the resource-not-found type. */
export function suspended(parameter: string, value: string): ResourceError {
  return {
    value,
    detail: `User has been suspended: [${value}].`,
    title: "Forbidden",
    resource_type: "user",
    parameter,
    resource_id: value,
    type: `${PROBLEMS}/resource-not-found`,
  };
}

/** A post from a protected account the caller does not follow. */
export function notAuthorizedForTweet(id: string): ResourceError {
  return {
    value: id,
    detail: `Sorry, you are not authorized to see the Tweet with id: [${id}].`,
    title: "Authorization Error",
    resource_type: "tweet",
    parameter: "id",
    resource_id: id,
    type: `${PROBLEMS}/not-authorized-for-resource`,
  };
}

/** 404 for a path the local X does not serve (X itself answers 404 for unknown routes). */
export function unknownRoute(method: string, path: string): Reply {
  return problem(404, {
    title: "Not Found Error",
    detail: `The local X stand-in does not serve ${method} ${path}`,
    type: "about:blank",
    status: 404,
  });
}
