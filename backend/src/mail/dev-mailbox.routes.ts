import { z } from "zod";
import type { Api } from "../http/operations.ts";
import { emailSchema } from "../http/schemas.ts";
import type { DevMailbox } from "./mailer.ts";

const querySchema = z.object({ to: emailSchema.optional() });
const messagesSchema = z.object({
  messages: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      sentAt: z.string(),
    }),
  ),
});

/** GET /dev/mailbox: the dev mailbox's messages, newest first. Mounted only outside production. */
export function devMailboxRoutes(api: Api, mailbox: DevMailbox): void {
  api.route(
    {
      method: "get",
      path: "/dev/mailbox",
      tags: ["development"],
      summary: "Sign-in emails the dev mailbox caught (development only, never in production)",
      auth: "public",
      request: { query: querySchema },
      responses: { 200: { description: "Messages, newest first", schema: messagesSchema } },
    },
    ({ query: { to } }, _req, res) => {
      res.json({ messages: mailbox.list(to) });
    },
  );
}
