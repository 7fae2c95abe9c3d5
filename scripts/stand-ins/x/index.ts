// The local X's public face: start it, its dev credentials and accounts, and the consent helper.
export { type ConsentOptions, completeAuthorization } from "./consent.ts";
export {
  X_DEV_ACCOUNTS,
  X_DEV_APP_BEARER_TOKEN,
  X_DEV_CLIENT,
  X_DEV_TWEETS,
} from "./defaults.ts";
export { X_PRODUCTION_URLS, type XEnv, xStandInEnv } from "./env.ts";
export { type EndpointLimits, X_RATE_LIMITS, type XEndpoint } from "./rate-limits.ts";
export { startXStandIn, type XStandIn, type XStandInOptions } from "./server.ts";
export type {
  AccountSeed,
  ClientSeed,
  IssuedToken,
  TweetSeed,
  XAccount,
  XClient,
  XTweet,
} from "./state.ts";
