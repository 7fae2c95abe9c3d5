import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  idempotencyHeaderDoc,
  type Operation,
  type RawBody,
  type ResponseDoc,
  responsesOf,
} from "./operations.ts";

// The document is generated from the operations the app registered (`api.operations`): the same
// declarations that mount the routes and validate their input.

const sessionSecurity: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];

function requestBody(body: z.ZodType | RawBody) {
  if ("raw" in body) {
    return {
      required: true,
      description: body.description,
      content: { "application/json": { schema: z.string() } },
    };
  }
  return {
    required: !body.safeParse(undefined).success,
    content: { "application/json": { schema: body } },
  };
}

function response(doc: ResponseDoc) {
  if (!doc.schema) return { description: doc.description };
  return {
    description: doc.description,
    content: { [doc.contentType ?? "application/json"]: { schema: doc.schema } },
  };
}

function routeConfig(op: Operation): RouteConfig {
  const { params, query, body } = op.request ?? {};
  return {
    method: op.method,
    path: op.path,
    tags: op.tags,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.auth === "public" ? {} : { security: sessionSecurity }),
    request: {
      ...(params ? { params } : {}),
      ...(query ? { query } : {}),
      ...(op.idempotent ? { headers: idempotencyHeaderDoc } : {}),
      ...(body ? { body: requestBody(body) } : {}),
    },
    responses: Object.fromEntries(
      Object.entries(responsesOf(op)).map(([status, doc]) => [status, response(doc)]),
    ),
  };
}

export function buildOpenApiDocument(publicUrl: string, operations: Operation[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "cookieAuth", {
    type: "apiKey",
    in: "cookie",
    name: "boon_at",
  });
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  for (const op of operations) registry.registerPath(routeConfig(op));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Boon backend API",
      version: "0.1.0",
      description:
        "Auth, ledger, card on-ramp, KYC limits, delivery and X accounts for Boon. Errors are `{ error: { code, message, details } }`. Every response is `Cache-Control: no-store`.",
    },
    servers: [{ url: publicUrl }],
  });
}
