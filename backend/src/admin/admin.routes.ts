import { z } from "zod";
import { recordAudit } from "../audit/audit.repository.ts";
import { userProfileSchema } from "../auth/auth.schemas.ts";
import { authOf } from "../auth/middleware.ts";
import { ROLES } from "../auth/roles.ts";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { conflict, notFound } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { auditRequestId } from "../http/request-context.ts";
import { uuidSchema } from "../http/schemas.ts";
import { findProfile, setUserRole } from "../users/user.repository.ts";

const userParams = z.object({ id: uuidSchema });
const roleBody = z.strictObject({ role: z.enum(ROLES) }).meta({ id: "RoleChange" });

const op = operations({ tags: ["admin"], auth: { roles: ["admin"] } });
const noUser = failure("No such user (`user_not_found`)");

const getUser = op.get("/v1/admin/users/{id}", {
  summary: "Any user's profile (admin)",
  request: { params: userParams },
  responses: { 200: success("Profile", userProfileSchema), 404: noUser },
});

const setRole = op.post("/v1/admin/users/{id}/role", {
  summary: "Set a user's role (admin, audited). Takes effect on the user's next token refresh",
  request: { params: userParams, body: roleBody },
  responses: {
    200: success("Updated profile", userProfileSchema),
    404: noUser,
    409: failure("Admins cannot change their own role (`cannot_change_own_role`)"),
  },
});

export function adminRoutes(api: Api, deps: AppDeps): void {
  const { pool } = deps;

  api.route(getUser, async ({ params: { id } }, _req, res) => {
    const profile = await findProfile(pool, id);
    if (!profile) throw notFound("user_not_found", "No user with this id");
    res.json(profile);
  });

  api.route(setRole, async ({ params: { id }, body: { role } }, req, res) => {
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
}
