// zod/mini: the client is in the first load; it still accepts any zod schema (classic or mini).
import * as z from "zod/mini";

/** A backend error response, `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.unknown()) }),
});

export type RequestOptions = {
  method?: "GET" | "POST";
  body?: unknown;
  idempotencyKey?: string;
};

export type Backend = <T>(
  path: string,
  schema: z.core.$ZodType<T>,
  options?: RequestOptions,
) => Promise<T>;

/**
 * A typed client for the backend: cookies ride along (sessions), every response is validated, and an
 * expired access token is refreshed once before the request is retried.
 */
export function createBackend(baseUrl: string, fetcher: typeof fetch = fetch): Backend {
  let refreshing: Promise<boolean> | null = null;
  const refresh = () => {
    refreshing ??= fetcher(`${baseUrl}/v1/auth/refresh`, { method: "POST", credentials: "include" })
      .then((response) => response.ok)
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  async function send(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    try {
      return await fetcher(`${baseUrl}${path}`, {
        method: options.method ?? "GET",
        credentials: "include",
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
      });
    } catch {
      throw new ApiError(
        0,
        "network_error",
        "Boon's server cannot be reached. Check your connection.",
      );
    }
  }

  return async function request<T>(
    path: string,
    schema: z.core.$ZodType<T>,
    options: RequestOptions = {},
  ) {
    let response = await send(path, options);
    if (response.status === 401 && !path.startsWith("/v1/auth/") && (await refresh())) {
      response = await send(path, options);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      // Not JSON: reported below as an unexpected response.
    }
    if (!response.ok) {
      const parsed = z.safeParse(errorBody, json);
      if (parsed.success) {
        const { code, message, details } = parsed.data.error;
        throw new ApiError(response.status, code, message, details);
      }
      throw new ApiError(response.status, "http_error", `The server answered ${response.status}.`);
    }
    const parsed = z.safeParse(schema, json);
    if (!parsed.success) {
      throw new ApiError(response.status, "bad_response", "The server sent an unexpected answer.");
    }
    return parsed.data;
  };
}
