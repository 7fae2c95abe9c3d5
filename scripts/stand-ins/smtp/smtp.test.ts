// The SMTP side, driven through nodemailer (the library the backend sends with).
import { afterEach, describe, expect, it } from "vitest";
import { type SmtpStandIn, type SmtpStandInOptions, startSmtpStandIn } from "./server.ts";
import { refusal, send } from "./test-support.ts";

let smtp: SmtpStandIn | undefined;
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
});

async function start(options: SmtpStandInOptions = {}): Promise<SmtpStandIn> {
  smtp = await startSmtpStandIn(options);
  return smtp;
}

describe("receiving", () => {
  it("keeps a message with its envelope, headers, bodies and attachments", async () => {
    const s = await start();
    const info = await send(s, {
      from: "Boon <no-reply@boon.local>",
      to: "Ada Lovelace <Ada@Example.com>",
      cc: "ops@example.com",
      bcc: "audit@example.com",
      replyTo: "help@boon.local",
      subject: "Your receipt — 25,00 €",
      text: "Thanks!\nYou paid $25.00.",
      html: '<p>Thanks! <img src="cid:logo@boon"></p>',
      attachments: [
        { filename: "receipt.txt", content: "R-1" },
        { cid: "logo@boon", filename: "logo.png", content: Buffer.from([137, 80, 78, 71]) },
      ],
    });
    expect(info.accepted).toEqual(["Ada@example.com", "ops@example.com", "audit@example.com"]);
    expect(info.response).toMatch(/^250 2\.6\.0 Ok: queued as 1$/);

    const [mail] = s.messages();
    expect(mail).toMatchObject({
      id: "1",
      envelope: {
        from: "no-reply@boon.local",
        to: ["ada@example.com", "ops@example.com", "audit@example.com"],
      },
      authUser: null,
      from: [{ address: "no-reply@boon.local", name: "Boon" }],
      to: [{ address: "Ada@example.com", name: "Ada Lovelace" }],
      cc: [{ address: "ops@example.com", name: "" }],
      replyTo: [{ address: "help@boon.local", name: "" }],
      subject: "Your receipt — 25,00 €",
      text: "Thanks!\nYou paid $25.00.",
      messageId: info.messageId,
    });
    // Bcc is in the envelope only, as on any real server.
    expect(mail?.headers.some((h) => h.key === "bcc")).toBe(false);
    expect(mail?.html).toMatch(/<img src="data:image\/png;base64,iVBORw=="/);
    // In MIME order: the inline image sits with the HTML (multipart/related), the file after it.
    expect(mail?.attachments).toEqual([
      { filename: "logo.png", contentType: "image/png", size: 4 },
      { filename: "receipt.txt", contentType: "text/plain", size: 3 },
    ]);
    expect(mail?.headers.find((h) => h.key === "subject")?.value).toMatch(/^=\?UTF-8\?/);
    expect(Date.parse(mail?.date ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  it("keeps messages newest first, filtered by envelope recipient, and bounded", async () => {
    const s = await start({ maxMessages: 3 });
    for (const n of [1, 2, 3, 4]) await send(s, { to: `u${n % 2}@example.com`, subject: `m${n}` });
    expect(s.messages().map((m) => m.subject)).toEqual(["m4", "m3", "m2"]);
    expect(s.messages({ to: "U1@EXAMPLE.COM" }).map((m) => m.subject)).toEqual(["m3"]);
    expect(s.messages({ after: "2" }).map((m) => m.id)).toEqual(["4", "3"]);
    s.clear();
    expect(s.messages()).toEqual([]);
    await send(s, { to: "u@example.com", subject: "m5" });
    expect(s.message("5").subject).toBe("m5"); // ids keep counting after a clear
  });

  it("hands out copies: changing one does not change the inbox", async () => {
    const s = await start();
    await send(s, { to: "a@example.com", subject: "original" });
    const copy = s.message("1");
    copy.subject = "changed";
    copy.envelope.to.push("intruder@example.com");
    expect(s.message("1")).toMatchObject({
      subject: "original",
      envelope: { to: ["a@example.com"] },
    });
  });

  it("offers no STARTTLS, so a default nodemailer transport sends in clear text", async () => {
    const s = await start();
    const info = await send(s, { to: "a@example.com", subject: "plain" }, { requireTLS: false });
    expect(info.accepted).toEqual(["a@example.com"]);
    const required = await refusal(
      send(s, { to: "a@example.com", subject: "tls" }, { requireTLS: true }),
    );
    expect(required.code).toBe("ETLS");
  });

  it("refuses a message over its SIZE limit with 552 and keeps nothing", async () => {
    const s = await start({ maxMessageBytes: 2_000 });
    const refused = await refusal(send(s, { to: "a@example.com", text: "x".repeat(5_000) }));
    expect(refused.responseCode).toBe(552);
    expect(s.messages()).toEqual([]);
  });
});

describe("authentication", () => {
  const auth = { user: "boon@mail.local", pass: "p@ss:w/rd%" };

  it.each(["PLAIN", "LOGIN"])("accepts the configured pair over AUTH %s", async (authMethod) => {
    const s = await start({ auth });
    await send(s, { to: "a@example.com", subject: authMethod }, { authMethod });
    expect(s.messages()[0]).toMatchObject({ subject: authMethod, authUser: auth.user });
  });

  it("refuses a wrong password (535) and a client that does not authenticate (530)", async () => {
    const s = await start({ auth });
    const wrong = await refusal(
      send(s, { to: "a@example.com" }, { url: s.url, auth: { user: auth.user, pass: "nope" } }),
    );
    expect(wrong).toMatchObject({ code: "EAUTH", responseCode: 535 });
    const none = await refusal(send(s, { to: "a@example.com" }, { url: s.url }));
    expect(none.responseCode).toBe(530);
    expect(s.messages()).toEqual([]);
  });

  it("without configured credentials accepts any pair, or none", async () => {
    const s = await start();
    await send(s, { to: "a@example.com", subject: "any" }, { auth: { user: "x", pass: "y" } });
    await send(s, { to: "a@example.com", subject: "none" });
    expect(s.messages().map((m) => [m.subject, m.authUser])).toEqual([
      ["none", null],
      ["any", "x"],
    ]);
  });
});

describe("refusing on request", () => {
  it("refuses the next N messages after DATA with 451, then accepts again", async () => {
    const s = await start();
    s.refuseNext(2);
    expect(s.pendingRefusals()).toBe(2);
    for (const n of [1, 2]) {
      const refused = await refusal(send(s, { to: "a@example.com", subject: `r${n}` }));
      expect(refused).toMatchObject({ code: "EMESSAGE", responseCode: 451 });
      expect(refused.response).toMatch(/^451 4\.3\.0 /);
    }
    await send(s, { to: "a@example.com", subject: "third" });
    expect(s.messages().map((m) => m.subject)).toEqual(["third"]);
    expect(s.pendingRefusals()).toBe(0);
  });

  it("refuses at the greeting, at MAIL FROM or at RCPT TO, with the chosen code", async () => {
    const s = await start();
    s.refuseNext(1, { at: "connect" });
    s.refuseNext(1, { at: "mail", code: 550, message: "Sender rejected" });
    s.refuseNext(1, { at: "rcpt", code: 550, message: "No such user" });
    const connect = await refusal(send(s, { to: "a@example.com" }));
    expect(connect.response).toMatch(/^421 /);
    const mail = await refusal(send(s, { to: "a@example.com" }));
    expect(mail).toMatchObject({ code: "EENVELOPE", responseCode: 550 });
    expect(mail.response).toMatch(/Sender rejected/);
    // Every recipient of the refused message is refused, not only the first.
    const rcpt = await refusal(send(s, { to: ["a@example.com", "b@example.com"] }));
    expect(rcpt).toMatchObject({ code: "EENVELOPE", responseCode: 550 });
    await send(s, { to: ["a@example.com", "b@example.com"], subject: "after" });
    expect(s.messages().map((m) => m.envelope.to)).toEqual([["a@example.com", "b@example.com"]]);
  });

  it("refuses nonsense refusals", async () => {
    const s = await start();
    expect(() => s.refuseNext(0)).toThrow(/positive whole number/);
    expect(() => s.refuseNext(1, { code: 250 })).toThrow(/4xx or 5xx/);
    expect(() => s.refuseNext(1, { at: "helo" as "data" })).toThrow(/connect, mail, rcpt, data/);
  });
});
