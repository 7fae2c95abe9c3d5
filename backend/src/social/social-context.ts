import type { Config } from "../config.ts";
import { type Contracts, contractsOf } from "../contracts.ts";
import type { Pool } from "../db/pool.ts";
import type { Logger } from "../ops/logger.ts";
import { createTokenCipher, type TokenCipher } from "./token-cipher.ts";
import { createXApi, type XApi } from "./x-api.ts";
import { createXOAuthClient, type XOAuthClient } from "./x-oauth.ts";
import { recordSeenProfile } from "./x-profile.ts";
import { createXResolver, type XResolver } from "./x-resolver.ts";

/** What the X services work with; built once per app (`deps.social`). */
export type SocialContext = {
  pool: Pool;
  config: Config;
  logger: Logger;
  cipher: TokenCipher;
  oauth: XOAuthClient;
  api: XApi;
  resolver: XResolver;
  /** The deployed contracts (environment, else the deployments file); throws while unknown. */
  contracts(): Promise<Contracts>;
};

export function createSocialContext(config: Config, pool: Pool, logger: Logger): SocialContext {
  const x = config.social.x;
  const api = createXApi(x);
  const base = {
    pool,
    config,
    logger: logger.child({ component: "x" }),
    cipher: createTokenCipher(x.tokenKeys),
    oauth: createXOAuthClient(x),
    api,
  };
  // Every account a lookup describes keeps a linked account's handle current.
  const resolver = createXResolver({
    api,
    handleCacheSeconds: x.handleCacheSeconds,
    onSeen: (user) => recordSeenProfile(base, user),
  });
  let known: Contracts | undefined;
  const contracts = async () => {
    known ??= contractsOf(config);
    return known;
  };
  return { ...base, resolver, contracts };
}
