// The configuration keys through which Boon reaches X. Real X is these defaults plus credentials
// from X's developer console; the local X is the same keys pointing at the stand-in.
import { X_DEV_CLIENT } from "./defaults.ts";
import type { XStandIn } from "./server.ts";

export type XEnv = {
  /** Base of the API and of the token/revoke endpoints (`/2/oauth2/token`, `/2/oauth2/revoke`). */
  X_API_URL: string;
  /** Where the browser is sent to consent. */
  X_AUTHORIZE_URL: string;
  /** OAuth 2.0 client of a confidential ("Web App") X app. */
  X_CLIENT_ID: string;
  X_CLIENT_SECRET: string;
  /** The app-only bearer token, for handle and post lookups. */
  X_BEARER_TOKEN: string;
};

/** Real X's URLs; the credentials come from the environment. */
export const X_PRODUCTION_URLS = {
  X_API_URL: "https://api.x.com",
  X_AUTHORIZE_URL: "https://x.com/i/oauth2/authorize",
} as const;

/** The keys that point Boon at a running local X, with the dev client's credentials. */
export function xStandInEnv(x: XStandIn): XEnv {
  return {
    X_API_URL: x.url,
    X_AUTHORIZE_URL: x.authorizeUrl,
    X_CLIENT_ID: X_DEV_CLIENT.clientId,
    X_CLIENT_SECRET: X_DEV_CLIENT.clientSecret,
    X_BEARER_TOKEN: x.appBearerToken,
  };
}
