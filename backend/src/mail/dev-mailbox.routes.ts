import { Router } from "express";
import { z } from "zod";
import { emailSchema } from "../http/schemas.ts";
import { parseQuery } from "../http/validate.ts";
import type { DevMailbox } from "./mailer.ts";

const querySchema = z.object({ to: emailSchema.optional() });

/** GET /dev/mailbox: the dev mailbox's messages, newest first. Mounted only outside production. */
export function devMailboxRoutes(mailbox: DevMailbox): Router {
  const router = Router();
  router.get("/dev/mailbox", (req, res) => {
    const { to } = parseQuery(querySchema, req);
    res.json({ messages: mailbox.list(to) });
  });
  return router;
}
