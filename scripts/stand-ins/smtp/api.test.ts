// The inbox's JSON API, as a test in another process (the dApp's e2e) reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailSummary, ReceivedMail } from "./message.ts";
import { type SmtpStandIn, startSmtpStandIn } from "./server.ts";
import { send, startWithMail } from "./test-support.ts";

let smtp: SmtpStandIn;
/** A receipt's HTML with a script and a tracking pixel: the API serves it locked down (CSP). */
const receiptHtml =
  '<h1>Paid</h1><script>parent.document.title="pwned"</script><img src="https://tracker.example/p.gif">';
beforeAll(async () => {
  smtp = await startWithMail([
    { to: "ada@example.com", subject: "Your Boon sign-in code: 123456", text: "Code 123456." },
    { to: "bob@example.com", subject: "Receipt", text: "Paid", html: receiptHtml },
    { to: "ada@example.com", subject: "Your Boon sign-in code: 654321", text: "Code 654321." },
  ]);
});
afterAll(() => smtp.stop());

async function get(path: string, init?: RequestInit) {
  const response = await fetch(`${smtp.inboxUrl}${path}`, init);
  const type = response.headers.get("content-type") ?? "";
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies ad hoc
  const body: any = type.includes("json") ? await response.json() : await response.text();
  return { status: response.status, headers: response.headers, body };
}

describe("GET /messages", () => {
  it("lists summaries newest first, by recipient, after an id, up to a limit", async () => {
    const all = await get("/messages");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.messages.map((m: MailSummary) => m.id)).toEqual(["3", "2", "1"]);
    expect(all.body.messages[0]).toMatchObject({
      id: "3",
      envelope: { from: "no-reply@boon.local", to: ["ada@example.com"] },
      from: [{ address: "no-reply@boon.local", name: "Boon" }],
      subject: "Your Boon sign-in code: 654321",
      snippet: "Code 654321.",
      attachments: 0,
    });
    const ada = await get("/messages?to=Ada%40example.com&limit=1");
    expect(ada.body).toMatchObject({ total: 2, messages: [{ id: "3" }] });
    expect((await get("/messages?to=ada@example.com&after=1")).body.total).toBe(1);
  });

  it("refuses a malformed or unknown parameter with a 400 that says why", async () => {
    for (const [query, reason] of [
      ["to=not-an-email", /to: must be an email address/],
      ["limit=0", /limit/],
      ["after=x", /after: must be a message id/],
      ["recipient=ada@example.com", /unknown parameter recipient/],
    ] as const) {
      const res = await get(`/messages?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.message).toMatch(reason);
    }
  });
});

describe("GET /messages/:id", () => {
  it("serves one parsed message, its source and a sandboxed HTML body", async () => {
    const one = await get("/messages/1");
    expect(one.status).toBe(200);
    expect(one.body as ReceivedMail).toMatchObject({ id: "1", html: null });
    expect(one.body.text.trim()).toBe("Code 123456.");

    const raw = await get("/messages/1/raw");
    expect(raw.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(raw.body).toMatch(/^Content-Type: text\/plain/m);
    expect(raw.body).toMatch(/\r\n\r\nCode 123456\.\r?\n?$/);

    const html = await get("/messages/2/html");
    expect(html.status).toBe(200);
    const csp = html.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^sandbox allow-popups allow-popups-to-escape-sandbox;/);
    expect(csp).not.toMatch(/allow-scripts|allow-same-origin|allow-forms/);
    expect(csp).toMatch(/default-src 'none'; img-src data:/);
    expect(html.body).toContain("<h1>Paid</h1>");
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers 404 for an unknown message or a message without HTML", async () => {
    expect((await get("/messages/999")).status).toBe(404);
    expect((await get("/messages/999/raw")).status).toBe(404);
    const noHtml = await get("/messages/1/html");
    expect(noHtml.status).toBe(404);
    expect(noHtml.body.error.code).toBe("not_found");
    expect((await get("/nowhere")).body.error.message).toBe("local SMTP: no route GET /nowhere");
  });
});

it("DELETE /messages empties the inbox", async () => {
  const local = await startSmtpStandIn();
  try {
    await send(local, { to: "a@example.com", subject: "x" });
    const res = await fetch(`${local.inboxUrl}/messages`, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(local.messages()).toEqual([]);
  } finally {
    await local.stop();
  }
});
