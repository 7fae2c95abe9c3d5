import cookieParser from "cookie-parser";
import cors from "cors";
import express, { type Express } from "express";
import helmet from "helmet";
import { activityRoutes } from "./activity/activity.routes.ts";
import { adminRoutes } from "./admin/admin.routes.ts";
import { attestationRoutes } from "./attestations/attestation.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { authenticate } from "./auth/middleware.ts";
import { deliveryRoutes } from "./delivery/delivery.routes.ts";
import type { AppDeps } from "./deps.ts";
import { docsRoutes } from "./http/docs-page.ts";
import { errorHandler, notFoundHandler } from "./http/errors.ts";
import { buildOpenApiDocument } from "./http/openapi.ts";
import { createApi } from "./http/operations.ts";
import { requestLogger } from "./http/request-context.ts";
import { kycRoutes } from "./kyc/kyc.routes.ts";
import { holdsRoutes } from "./ledger/holds.routes.ts";
import { ledgerRoutes } from "./ledger/ledger.routes.ts";
import { deadLetterRoutes } from "./notifications/dead-letters.routes.ts";
import { httpMetrics } from "./ops/metrics.ts";
import { opsRoutes } from "./ops/ops.routes.ts";
import { purchaseRoutes } from "./purchases/purchases.routes.ts";
import { receiptRoutes } from "./purchases/receipts.routes.ts";
import { relayRoutes } from "./relayer/relay.routes.ts";
import { xRoutes } from "./social/x.routes.ts";
import { meRoutes } from "./users/me.routes.ts";
import { stripeWebhookRoutes } from "./webhooks/stripe-webhook.routes.ts";

export type { AppDeps } from "./deps.ts";

/** The Express app: security and ops middleware, then `/v1` routers, then 404 and error rendering. */
export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);

  app.use(requestLogger(deps.logger));
  app.use(httpMetrics(deps.metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "font-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  app.use(
    cors({
      origin: config.corsOrigins,
      credentials: true,
      methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowedHeaders: ["content-type", "authorization", "idempotency-key", "x-request-id"],
      exposedHeaders: ["x-request-id", "retry-after"],
      maxAge: 600,
    }),
  );
  app.use(cookieParser());
  app.use(authenticate(config.jwtSecret));

  // Every operation is declared once (src/http/operations.ts): its guards, limiters, body parser
  // and validation are mounted from the declaration, and /openapi.json is generated from it.
  const api = createApi(deps);
  opsRoutes(api, deps);
  stripeWebhookRoutes(api, deps);
  authRoutes(api, deps);
  meRoutes(api, deps);
  adminRoutes(api, deps);
  deadLetterRoutes(api, deps);
  ledgerRoutes(api, deps);
  holdsRoutes(api, deps);
  purchaseRoutes(api, deps);
  receiptRoutes(api, deps);
  activityRoutes(api, deps);
  kycRoutes(api, deps);
  deliveryRoutes(api, deps);
  xRoutes(api, deps);
  attestationRoutes(api, deps);
  relayRoutes(api, deps);
  app.use(api.router);

  // Everything else (the docs, unknown paths) under the per-IP limit too.
  app.use(deps.rateLimit.global);
  const document = buildOpenApiDocument(config.publicUrl, api.operations);
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.use(docsRoutes());

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
