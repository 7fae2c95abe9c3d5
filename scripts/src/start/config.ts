import { createServer } from "node:net";
import path from "node:path";
import { z } from "zod";

/** Every port `npm start` opens, with its default: each overridable through the environment. */
export const PORTS = {
  CHAIN_PORT: { default: 8545, what: "the local chain (JSON-RPC)" },
  INDEXER_PORT: { default: 42069, what: "the indexer (GraphQL, SQL over HTTP)" },
  BACKEND_PORT: { default: 4000, what: "the backend API" },
  DAPP_PORT: { default: 5173, what: "the dApp" },
  STRIPE_LOCAL_PORT: { default: 4010, what: "the local Stripe stand-in (API and checkout pages)" },
  X_LOCAL_PORT: { default: 4020, what: "the local X stand-in (OAuth consent page and API v2)" },
  SMTP_LOCAL_PORT: { default: 4025, what: "the local SMTP stand-in (SMTP)" },
  SMTP_INBOX_PORT: {
    default: 4026,
    what: "the local SMTP stand-in's inbox (web page and JSON API)",
  },
  POSTGRES_PORT: { default: undefined, what: "the embedded PostgreSQL (a free port when unset)" },
} as const;
export type PortName = keyof typeof PORTS;

const port = z.coerce
  .number({ error: "must be a whole number from 1 to 65535" })
  .int("must be a whole number from 1 to 65535")
  .min(1, "must be a whole number from 1 to 65535")
  .max(65_535, "must be a whole number from 1 to 65535");

const envSchema = z.object({
  CHAIN_PORT: port.default(PORTS.CHAIN_PORT.default),
  INDEXER_PORT: port.default(PORTS.INDEXER_PORT.default),
  BACKEND_PORT: port.default(PORTS.BACKEND_PORT.default),
  DAPP_PORT: port.default(PORTS.DAPP_PORT.default),
  STRIPE_LOCAL_PORT: port.default(PORTS.STRIPE_LOCAL_PORT.default),
  X_LOCAL_PORT: port.default(PORTS.X_LOCAL_PORT.default),
  SMTP_LOCAL_PORT: port.default(PORTS.SMTP_LOCAL_PORT.default),
  SMTP_INBOX_PORT: port.default(PORTS.SMTP_INBOX_PORT.default),
  POSTGRES_PORT: port.optional(),
  // The real services' configuration: when set, their local stand-ins do not start (the backend
  // validates the values themselves).
  STRIPE_SECRET_KEY: z.string().optional(),
  X_CLIENT_ID: z.string().optional(),
  SMTP_URL: z.string().optional(),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" })
    .optional(),
  BOON_DATA_DIR: z.string().min(1).optional(),
  BOON_LOG_DIR: z.string().min(1).optional(),
});

export type StartConfig = z.infer<typeof envSchema> & {
  logDir: string;
  prod: boolean;
  /** Start the local Stripe: no Stripe account is configured (STRIPE_SECRET_KEY). */
  localStripe: boolean;
  /** Start the local X: no X app is configured (X_CLIENT_ID). */
  localX: boolean;
  /** Start the local SMTP: no mail server is configured (SMTP_URL). */
  localSmtp: boolean;
};

/** Unset or empty variables mean "the default". */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
  );
}

/** The configuration of `npm start`, or every problem with it (one sentence each). */
export function parseStartConfig(
  env: NodeJS.ProcessEnv,
  options: { repoRoot: string; prod: boolean },
): { config: StartConfig; problems: [] } | { config: undefined; problems: string[] } {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}=${env[String(issue.path[0])] ?? ""}: ${issue.message}`,
    );
    return { config: undefined, problems };
  }
  const config = {
    ...parsed.data,
    logDir: parsed.data.BOON_LOG_DIR ?? path.join(options.repoRoot, ".data/logs"),
    prod: options.prod,
    localStripe: parsed.data.STRIPE_SECRET_KEY === undefined,
    localX: parsed.data.X_CLIENT_ID === undefined,
    localSmtp: parsed.data.SMTP_URL === undefined,
  };
  const problems = duplicatePorts(config);
  return problems.length > 0 ? { config: undefined, problems } : { config, problems: [] };
}

/** Whether this configuration opens the port named `name`. */
function opens(config: StartConfig, name: PortName): boolean {
  if (name === "POSTGRES_PORT") return Boolean(config.POSTGRES_PORT && !config.DATABASE_URL);
  if (name === "STRIPE_LOCAL_PORT") return config.localStripe;
  if (name === "X_LOCAL_PORT") return config.localX;
  if (name === "SMTP_LOCAL_PORT" || name === "SMTP_INBOX_PORT") return config.localSmtp;
  return true;
}

/** The ports this configuration will open, by variable name. */
export function chosenPorts(config: StartConfig): Array<[PortName, number]> {
  return (Object.keys(PORTS) as PortName[])
    .filter((name) => opens(config, name))
    .map((name) => [name, config[name] as number]);
}

function duplicatePorts(config: StartConfig): string[] {
  const byPort = new Map<number, PortName[]>();
  for (const [name, value] of chosenPorts(config)) {
    byPort.set(value, [...(byPort.get(value) ?? []), name]);
  }
  return [...byPort]
    .filter(([, names]) => names.length > 1)
    .map(
      ([value, names]) => `${names.join(" and ")} are all ${value}: each part needs its own port`,
    );
}

/** True when nothing listens on 127.0.0.1:`port` (we could bind it). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** One sentence per chosen port that something else already holds. */
export async function busyPorts(config: StartConfig): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, value] of chosenPorts(config)) {
    if (!(await isPortFree(value))) {
      problems.push(
        `${name}=${value}: the port is in use (${PORTS[name].what}); another Boon stack? Stop it, or set ${name} to a free port`,
      );
    }
  }
  return problems;
}
