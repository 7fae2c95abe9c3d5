// Runs one stand-in alone until Ctrl-C:
//   node scripts/stand-ins/run.ts x [--port N] [--redirect-uri URL]...
//   node scripts/stand-ins/run.ts smtp [--port N] [--inbox-port N]
//   node scripts/stand-ins/run.ts stripe [--port N] [--webhook-url URL]
import { parseArgs } from "node:util";
import { smtpStandInEnv, startSmtpStandIn } from "./smtp/index.ts";
import { startStripeStandIn, stripeStandInEnv } from "./stripe/index.ts";
import { startXStandIn, X_DEV_CLIENT, xStandInEnv } from "./x/index.ts";

type Flags = {
  port: number;
  inboxPort: number;
  redirectUris: string[];
  webhookUrl: string | undefined;
};
type Runner = (flags: Flags) => Promise<{
  stop(): Promise<void>;
  lines: string[];
}>;

const runners: Record<string, Runner> = {
  async smtp({ port, inboxPort }) {
    const smtp = await startSmtpStandIn({ port, inboxPort });
    return {
      stop: smtp.stop,
      lines: [
        `local SMTP on ${smtp.url}`,
        ...Object.entries(smtpStandInEnv(smtp)).map(([key, value]) => `  ${key}=${value}`),
        `inbox: ${smtp.inboxUrl} (web page; JSON at /messages)`,
      ],
    };
  },
  async stripe({ port, webhookUrl }) {
    const stripe = await startStripeStandIn({ port, ...(webhookUrl ? { webhookUrl } : {}) });
    return {
      stop: stripe.stop,
      lines: [
        `local Stripe on ${stripe.url} (index page: hosted checkout and identity sessions)`,
        ...Object.entries(stripeStandInEnv(stripe)).map(([key, value]) => `  ${key}=${value}`),
        `  webhooks to: ${webhookUrl ?? "(none: pass --webhook-url)"}`,
      ],
    };
  },
  async x({ port, redirectUris }) {
    const x = await startXStandIn({
      port,
      clients: [{ ...X_DEV_CLIENT, redirectUris }],
    });
    const accounts = ["alice", "bob", "carol", "dana", "spammer"].map((name) => {
      const a = x.account(name);
      return `  @${a.username} id ${a.id}${a.suspended ? " (suspended)" : ""}${a.protected ? " (protected)" : ""}`;
    });
    return {
      stop: x.stop,
      lines: [
        `local X on ${x.url}`,
        ...Object.entries(xStandInEnv(x)).map(([key, value]) => `  ${key}=${value}`),
        `  callback URLs: ${redirectUris.join(", ") || "(none: pass --redirect-uri)"}`,
        "accounts:",
        ...accounts,
      ],
    };
  },
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string", default: "0" },
    "inbox-port": { type: "string", default: "0" },
    "redirect-uri": { type: "string", multiple: true, default: [] },
    "webhook-url": { type: "string" },
  },
});
const name = positionals[0] ?? "";
const runner = runners[name];
const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65_535;
const port = Number(values.port);
const inboxPort = Number(values["inbox-port"]);
if (!runner || positionals.length !== 1 || !isPort(port) || !isPort(inboxPort)) {
  console.error(
    `usage: node scripts/stand-ins/run.ts <${Object.keys(runners).join("|")}> [--port N] [--inbox-port N (smtp)] [--redirect-uri URL (x)]... [--webhook-url URL (stripe)]`,
  );
  process.exit(2);
}
const running = await runner({
  port,
  inboxPort,
  redirectUris: values["redirect-uri"],
  webhookUrl: values["webhook-url"],
});
console.log(running.lines.join("\n"));
const stop = () => void running.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
