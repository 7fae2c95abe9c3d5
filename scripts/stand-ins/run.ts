// Runs one stand-in alone until Ctrl-C:
//   node scripts/stand-ins/run.ts x [--port N] [--redirect-uri URL]...
import { parseArgs } from "node:util";
import { startXStandIn, X_DEV_CLIENT, xStandInEnv } from "./x/index.ts";

type Runner = (flags: { port: number; redirectUris: string[] }) => Promise<{
  stop(): Promise<void>;
  lines: string[];
}>;

const runners: Record<string, Runner> = {
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
    "redirect-uri": { type: "string", multiple: true, default: [] },
  },
});
const name = positionals[0] ?? "";
const runner = runners[name];
const port = Number(values.port);
if (!runner || positionals.length !== 1 || !Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    `usage: node scripts/stand-ins/run.ts <${Object.keys(runners).join("|")}> [--port N] [--redirect-uri URL]...`,
  );
  process.exit(2);
}
const running = await runner({ port, redirectUris: values["redirect-uri"] });
console.log(running.lines.join("\n"));
const stop = () => void running.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
