import { completeAuthorization, X_DEV_CLIENT } from "@boon/scripts/stand-ins";
import nodemailer from "nodemailer";
import { afterEach, expect, it } from "vitest";
import { freePort } from "../stack/ports.ts";
import { parseStartConfig } from "./config.ts";
import { type StandIns, startStandIns, xCallbackUrl } from "./stand-ins.ts";

const at = { repoRoot: "/repo", prod: false };
const backendUrl = "http://localhost:4999";
let running: StandIns | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function configWith(env: Record<string, string> = {}) {
  const [stripe, x, smtp, inbox] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const ports = {
    STRIPE_LOCAL_PORT: String(stripe),
    X_LOCAL_PORT: String(x),
    SMTP_LOCAL_PORT: String(smtp),
    SMTP_INBOX_PORT: String(inbox),
  };
  const { config } = parseStartConfig({ ...ports, ...env }, at);
  if (!config) throw new Error("bad test configuration");
  return config;
}

it("starts the local Stripe, X and SMTP on their ports and hands the backend their keys", async () => {
  const config = await configWith();
  const lines: string[] = [];
  running = await startStandIns(config, backendUrl, (line) => lines.push(line));
  const { stripe, x, smtp, backendEnv } = running;
  expect(stripe?.port).toBe(config.STRIPE_LOCAL_PORT);
  expect(x?.port).toBe(config.X_LOCAL_PORT);
  expect(smtp?.port).toBe(config.SMTP_LOCAL_PORT);
  expect(smtp?.inboxPort).toBe(config.SMTP_INBOX_PORT);
  expect(backendEnv).toMatchObject({
    STRIPE_API_URL: `http://127.0.0.1:${config.STRIPE_LOCAL_PORT}`,
    X_API_URL: `http://127.0.0.1:${config.X_LOCAL_PORT}`,
    X_CLIENT_ID: X_DEV_CLIENT.clientId,
    SMTP_URL: `smtp://127.0.0.1:${config.SMTP_LOCAL_PORT}`,
  });

  // The dev OAuth client sends X's consent back to the backend's callback, and only there.
  const authorize = new URL(backendEnv.X_AUTHORIZE_URL as string);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: X_DEV_CLIENT.clientId,
    redirect_uri: xCallbackUrl(backendUrl),
    scope: "users.read tweet.read",
    state: "s",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }).toString();
  const callback = await completeAuthorization(authorize, { account: "alice" });
  expect(`${callback.origin}${callback.pathname}`).toBe(`${backendUrl}/v1/auth/x/callback`);

  const transport = nodemailer.createTransport(backendEnv.SMTP_URL as string);
  await transport.sendMail({ from: "a@boon.local", to: "b@example.com", subject: "hello" });
  transport.close();
  const inbox = await fetch(`${smtp?.inboxUrl}/messages?to=b@example.com`);
  expect(((await inbox.json()) as { total: number }).total).toBe(1);
  expect(lines.some((line) => line.includes("local SMTP received"))).toBe(true);
});

it("starts nothing for a real service that is configured", async () => {
  const config = await configWith({
    STRIPE_SECRET_KEY: "sk_live_x",
    X_CLIENT_ID: "real-app",
    SMTP_URL: "smtp://mail.example.com",
  });
  running = await startStandIns(config, backendUrl, () => {});
  expect(running).toMatchObject({
    stripe: undefined,
    x: undefined,
    smtp: undefined,
    backendEnv: {},
  });
});

it("stops the local X when the local SMTP cannot start (its port is taken)", async () => {
  const config = await configWith();
  const blocker = await startStandIns(config, backendUrl, () => {});
  try {
    const second = await configWith();
    await expect(
      startStandIns({ ...second, SMTP_INBOX_PORT: config.SMTP_INBOX_PORT }, backendUrl, () => {}),
    ).rejects.toThrow(/EADDRINUSE/);
    // Its X was stopped: the port is free again.
    const again = await startStandIns({ ...second, localSmtp: false }, backendUrl, () => {});
    await again.stop();
  } finally {
    await blocker.stop();
  }
});
