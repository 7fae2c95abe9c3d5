import { Router } from "express";
import { z } from "zod";
import { recordAudit } from "../audit/audit.repository.ts";
import { userProfileSchema } from "../auth/auth.schemas.ts";
import { authOf } from "../auth/middleware.ts";
import { ROLES } from "../auth/roles.ts";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { conflict, notFound } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  openApiRegistry,
  sessionSecurity,
} from "../http/openapi.ts";
import { auditRequestId } from "../http/request-context.ts";
import { uuidSchema } from "../http/schemas.ts";
import { noQuery, parseBody, parseParams, parseQuery } from "../http/validate.ts";
import { findProfile, setUserRole } from "../users/user.repository.ts";

const userParams = z.object({ id: uuidSchema });
const roleBody = z.strictObject({ role: z.enum(ROLES) }).meta({ id: "RoleChange" });

const tags = ["admin"];
openApiRegistry.registerPath({
  method: "get",
  path: "/v1/admin/users/{id}",
  tags,
  summary: "Any user's profile (admin)",
  security: sessionSecurity,
  request: { params: userParams },
  responses: {
    200: jsonResponse("Profile", userProfileSchema),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/admin/users/{id}/role",
  tags,
  summary: "Set a user's role (admin, audited). Takes effect on the user's next token refresh",
  security: sessionSecurity,
  request: { params: userParams, body: jsonBody(roleBody) },
  responses: {
    200: jsonResponse("Updated profile", userProfileSchema),
    ...errorResponses(400, 401, 403, 404, 409, 413, 429),
  },
});

export function adminRoutes(deps: AppDeps): Router {
  const { pool } = deps;
  const router = Router();
  const adminOnly = deps.guards.requireRole("admin");

  router.get("/admin/users/:id", adminOnly, async (req, res) => {
    const { id } = parseParams(userParams, req);
    parseQuery(noQuery, req);
    const profile = await findProfile(pool, id);
    if (!profile) throw notFound("user_not_found", "No user with this id");
    res.json(profile);
  });

  router.post("/admin/users/:id/role", adminOnly, async (req, res) => {
    const { id } = parseParams(userParams, req);
    const { role } = parseBody(roleBody, req);
    const actor = authOf(req).userId;
    if (id === actor)
      throw conflict("cannot_change_own_role", "Admins cannot change their own role");
    await withTransaction(pool, async (db) => {
      const previous = await setUserRole(db, id, role);
      if (previous === undefined) throw notFound("user_not_found", "No user with this id");
      await recordAudit(db, {
        actorUserId: actor,
        action: "user.role_changed",
        subjectType: "user",
        subjectId: id,
        details: { from: previous, to: role },
        ...auditRequestId(req),
      });
      await appendEvent(db, {
        type: "user.role_changed",
        subject: { type: "user", id },
        userId: id,
        payload: { from: previous, to: role, via: "admin" },
      });
    });
    res.json(await findProfile(pool, id));
  });

  return router;
}
