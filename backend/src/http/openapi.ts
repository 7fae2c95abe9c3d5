import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { errorResponseSchema } from "./errors.ts";

/**
 * Every domain registers its paths here at module load (next to its routes), so the document is
 * generated from the same zod schemas that validate requests.
 */
export const openApiRegistry = new OpenAPIRegistry();

openApiRegistry.registerComponent("securitySchemes", "cookieAuth", {
  type: "apiKey",
  in: "cookie",
  name: "boon_at",
});
openApiRegistry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
});

export const sessionSecurity: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];

/** JSON request body for a path definition. */
export function jsonBody(schema: z.ZodType, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { "application/json": { schema } },
  };
}

/** A JSON response for a path definition. */
export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { "application/json": { schema } } };
}

/** The standard error responses, by status. */
export function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: "Invalid input (`invalid_request`, `invalid_json`, or a domain code)",
    401: "Not signed in or credentials rejected",
    403: "Signed in without the required role",
    404: "Not found",
    409: "Conflicts with the current state",
    413: "Body too large (`payload_too_large`)",
    429: "Rate limited (`rate_limited`), see Retry-After",
    503: "A dependency is unavailable",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      jsonResponse(descriptions[status] ?? "Error", errorResponseSchema),
    ]),
  );
}

export function buildOpenApiDocument(publicUrl: string) {
  return new OpenApiGeneratorV31(openApiRegistry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Boon backend API",
      version: "0.1.0",
      description:
        "Auth, ledger, card on-ramp and KYC limits for Boon. Errors are `{ error: { code, message, details } }`.",
    },
    servers: [{ url: publicUrl }],
  });
}
