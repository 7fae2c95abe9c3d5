import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { listOf } from "../http/pages.ts";
import { auditRequestId } from "../http/request-context.ts";
import { queryInt, uuidSchema } from "../http/schemas.ts";
import { listDeadLetters } from "./dead-letters.repository.ts";
import { retryDeadLetter } from "./dead-letters.service.ts";
import { notifications } from "./index.ts";

const STATUSES = ["retrying", "open", "sent", "skipped"] as const;
const dateTime = z.string().meta({ format: "date-time" });

const deadLetterSchema = z
  .object({
    id: z.uuid(),
    notification: z.string(),
    key: z.string(),
    eventSeq: z.string(),
    userId: z.uuid().nullable(),
    status: z.enum(STATUSES),
    reason: z.string(),
    attempts: z.number().int(),
    firstFailedAt: dateTime,
    lastFailedAt: dateTime,
    retriedAt: dateTime.nullable(),
    retriedBy: z.uuid().nullable(),
  })
  .meta({ id: "NotificationDeadLetter" });

const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  limit: queryInt({ min: 1, max: 500, default: 100 }),
});
const letterParams = z.object({ id: uuidSchema });

const path = "/v1/admin/notifications/dead-letters";
const op = operations({ tags: ["admin"], auth: { roles: ["admin"] } });

const listOp = op.get(path, {
  summary:
    "Notifications that could not be sent (admin): dead letters (`open`), those retried, and those still being retried; newest first",
  request: { query: listQuery },
  responses: { 200: success("Dead letters", listOf(deadLetterSchema)) },
});

/** A retry that sends nothing answers with one of these (a failed send leaves it open). */
const retryRefusals = Object.fromEntries(
  (
    [
      [404, "No such dead letter (`dead_letter_not_found`)"],
      [409, "`already_retried`, `already_sent`, or `dead_letter_not_open` (still retrying)"],
      [422, "The mail server refused it again (`notification_refused`)"],
      [503, "The mail server could not be reached (`notification_send_failed`)"],
    ] as const
  ).map(([status, text]) => [status, failure(text)]),
);

const retryOp = op.post(`${path}/{id}/retry`, {
  summary: "Send an open dead letter once more (admin, audited); it is never sent twice",
  request: { params: letterParams },
  responses: {
    200: success("The dead letter, now `sent` or `skipped`", deadLetterSchema),
    ...retryRefusals,
  },
});

export function deadLetterRoutes(api: Api, deps: AppDeps): void {
  const service = {
    pool: deps.pool,
    mailer: deps.mailer,
    metrics: deps.metrics,
    notifications: notifications({ dappOrigin: deps.config.money.returnUrlBase }),
  };

  api.route(listOp, async ({ query }, _req, res) => {
    res.json({ items: await listDeadLetters(deps.pool, query) });
  });

  api.serveUser(retryOp, (actorUserId, { params: { id } }, req) =>
    retryDeadLetter(service, { id, actorUserId, ...auditRequestId(req) }),
  );
}
