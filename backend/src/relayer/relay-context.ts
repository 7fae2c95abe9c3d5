import type { PublicClient } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import type { AttestationSigner } from "../attestations/signer.ts";
import type { Config } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Contracts } from "../delivery/actions.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { SocialContext } from "../social/social-context.ts";

/** What the relay service works with (a subset of the app's dependencies). */
export type RelayDeps = {
  config: Config;
  pool: Pool;
  logger: Logger;
  metrics: Metrics;
  chainClient: PublicClient | undefined;
  social: SocialContext;
  verifier: AttestationSigner;
};

/** Who asks: a signed-in user or nobody, from which address; their Idempotency-Key if any. */
export type Caller = {
  userId: string | undefined;
  ip: string;
  requestId: string | undefined;
  idempotencyKey: string | undefined;
};

export const relayerAddress = (config: Config) => privateKeyToAddress(config.relayer.privateKey);

export const contractsOf = (deps: RelayDeps): Promise<Contracts> => deps.social.contracts();
