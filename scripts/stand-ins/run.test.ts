import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { afterEach, expect, it } from "vitest";

const runScript = fileURLToPath(new URL("./run.ts", import.meta.url));
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

/** Starts the CLI and resolves with what it printed once `until` shows, or once it exits. */
async function run(until: string | undefined, ...args: string[]): Promise<string> {
  child = spawn(process.execPath, [runScript, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  let done = false;
  const exited = once(child, "exit").finally(() => {
    done = true;
  });
  const listed = (async () => {
    while (!done && (until === undefined || !output.includes(until)))
      await new Promise((r) => setTimeout(r, 20));
  })();
  await Promise.race([listed, exited]);
  return output;
}

it("runs the local X alone on a free port and prints how to point Boon at it", async () => {
  const output = await run(
    "@spammer",
    "x",
    "--port",
    "0",
    "--redirect-uri",
    "http://127.0.0.1:4000/cb",
  );
  const apiUrl = /X_API_URL=(\S+)/.exec(output)?.[1];
  const bearer = /X_BEARER_TOKEN=(\S+)/.exec(output)?.[1];
  expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await fetch(`${apiUrl}/2/users/by/username/alice`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  const body = (await response.json()) as { data: { username: string } };
  expect(body.data.username).toBe("alice");
  child?.kill("SIGTERM");
  const [code] = await once(child as ChildProcess, "exit");
  expect(code).toBe(0);
});

it("runs the local SMTP alone and prints its SMTP_URL and inbox", async () => {
  const output = await run("inbox: ", "smtp");
  const smtpUrl = /SMTP_URL=(\S+)/.exec(output)?.[1] as string;
  const inbox = /inbox: (\S+)/.exec(output)?.[1];
  expect(smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  const transport = nodemailer.createTransport(smtpUrl);
  await transport.sendMail({ from: "a@boon.local", to: "b@example.com", subject: "from the CLI" });
  transport.close();
  const list = await fetch(`${inbox}/messages?to=b@example.com`);
  expect(((await list.json()) as { messages: { subject: string }[] }).messages[0]?.subject).toBe(
    "from the CLI",
  );
});

it("runs the local Stripe alone and prints the keys that point Boon at it", async () => {
  const output = await run("webhooks to:", "stripe", "--webhook-url", "http://127.0.0.1:4000/wh");
  const apiUrl = /STRIPE_API_URL=(\S+)/.exec(output)?.[1];
  const key = /STRIPE_SECRET_KEY=(\S+)/.exec(output)?.[1];
  expect(output).toContain("webhooks to: http://127.0.0.1:4000/wh");
  const response = await fetch(`${apiUrl}/v1/checkout/sessions/cs_test_none`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status).toBe(404);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
    "resource_missing",
  );
});

it("refuses an unknown stand-in with its usage", async () => {
  const output = await run(undefined, "myspace");
  expect(output).toContain("usage: node scripts/stand-ins/run.ts <smtp|stripe|x>");
  expect(child?.exitCode).toBe(2);
});
