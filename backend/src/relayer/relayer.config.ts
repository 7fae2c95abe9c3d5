// The environment keys of the gas-free claim relayer. They join the one environment schema in
// src/config.ts (validated together at start-up); this module keeps them beside the relayer.
import { devAccounts } from "@boon/contracts";
import { privateKeyToAddress } from "viem/accounts";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

export const relayerEnvShape = {
  /** `off`: every relay request is refused with 503 `relay_disabled`. */
  RELAYER: z.enum(["on", "off"]).default("on"),
  /** Run the relayer's signing worker inside the backend process. */
  RELAYER_WORKER: z.enum(["on", "off"]).default("on"),
  /** The relayer's own key: pays the gas of relayed claims. Needs ETH, no role. */
  RELAYER_PRIVATE_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits")
      .optional(),
  ),
  /** Wei the relayer may spend on gas per UTC day (reservations included). */
  RELAY_DAILY_GAS_BUDGET_WEI: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, "RELAY_DAILY_GAS_BUDGET_WEI must be a whole number of wei")
    .default("100000000000000000"),
  /** Warn (log + gauge) when less than this fraction of the day's budget remains. */
  RELAY_BUDGET_ALERT_FRACTION: z.coerce
    .number({ error: "RELAY_BUDGET_ALERT_FRACTION must be a number between 0 and 1" })
    .min(0, "RELAY_BUDGET_ALERT_FRACTION must be between 0 and 1")
    .max(1, "RELAY_BUDGET_ALERT_FRACTION must be between 0 and 1")
    .default(0.2),
  /** Relayed claims per signed-in user per rolling 24 h. */
  RELAY_PER_USER_PER_DAY: count(20),
  /** Relayed claims per client IP per rolling hour. */
  RELAY_PER_IP_PER_HOUR: count(30),
};

const relayerEnvObject = z.object(relayerEnvShape);

type RelayerEnv = {
  NODE_ENV: "development" | "test" | "production";
  TREASURY_PRIVATE_KEY?: string | undefined;
  VERIFIER_PRIVATE_KEY?: string | undefined;
} & z.output<typeof relayerEnvObject>;

export type RelayerConfig = {
  enabled: boolean;
  workerEnabled: boolean;
  privateKey: `0x${string}`;
  dailyBudgetWei: bigint;
  /** The alert threshold in basis points of the day's budget (exact integer comparison). */
  alertBps: bigint;
  perUserPerDay: number;
  perIpPerHour: number;
};

const same = (a: string | undefined, b: string) =>
  a !== undefined &&
  privateKeyToAddress(a as `0x${string}`) === privateKeyToAddress(b as `0x${string}`);

/**
 * Problems only a whole view of the environment can see: a production key, and a relayer key
 * shared with the treasury or the verifier (two workers would fight over one key's nonces).
 */
export function relayerEnvProblems(
  env: RelayerEnv,
  defaults: { treasury: string; verifier: string },
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (env.NODE_ENV === "production" && env.RELAYER === "on" && !env.RELAYER_PRIVATE_KEY)
    problems.push({
      path: "RELAYER_PRIVATE_KEY",
      message:
        "RELAYER_PRIVATE_KEY is required in production with RELAYER=on (a key holding ETH for claim gas)",
    });
  const relayerKey = env.RELAYER_PRIVATE_KEY ?? devAccounts.relayer.privateKey;
  if (same(env.TREASURY_PRIVATE_KEY ?? defaults.treasury, relayerKey))
    problems.push({
      path: "RELAYER_PRIVATE_KEY",
      message:
        "RELAYER_PRIVATE_KEY must differ from TREASURY_PRIVATE_KEY (each worker owns its key's nonces)",
    });
  if (same(env.VERIFIER_PRIVATE_KEY ?? defaults.verifier, relayerKey))
    problems.push({
      path: "RELAYER_PRIVATE_KEY",
      message: "RELAYER_PRIVATE_KEY must differ from VERIFIER_PRIVATE_KEY",
    });
  return problems;
}

export function relayerConfig(e: RelayerEnv): RelayerConfig {
  return {
    enabled: e.RELAYER === "on",
    workerEnabled: e.RELAYER_WORKER === "on",
    privateKey: (e.RELAYER_PRIVATE_KEY ?? devAccounts.relayer.privateKey) as `0x${string}`,
    dailyBudgetWei: BigInt(e.RELAY_DAILY_GAS_BUDGET_WEI),
    alertBps: BigInt(Math.round(e.RELAY_BUDGET_ALERT_FRACTION * 10_000)),
    perUserPerDay: e.RELAY_PER_USER_PER_DAY,
    perIpPerHour: e.RELAY_PER_IP_PER_HOUR,
  };
}
