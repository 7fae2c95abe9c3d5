// The stand-ins of outside services that `npm start` runs in its own process, each only when the
// real service is not configured: the local Stripe (no STRIPE_SECRET_KEY), the local X (no
// X_CLIENT_ID) and the local SMTP (no SMTP_URL). The backend reaches them through the same keys it
// would use for the real services.
import {
  type SmtpStandIn,
  STRIPE_PRODUCTION_URLS,
  type StripeStandIn,
  smtpStandInEnv,
  startSmtpStandIn,
  startStripeStandIn,
  startXStandIn,
  stripeStandInEnv,
  X_DEV_CLIENT,
  type XStandIn,
  xStandInEnv,
} from "../../stand-ins/index.ts";
import type { StartConfig } from "./config.ts";

export type StandIns = {
  stripe: StripeStandIn | undefined;
  x: XStandIn | undefined;
  smtp: SmtpStandIn | undefined;
  /** The keys that point the backend at the stand-ins that run. */
  backendEnv: Record<string, string>;
  stop(): Promise<void>;
};

/** X's OAuth callback on the backend: the dev client's one registered redirect URI. */
export const xCallbackUrl = (backendUrl: string) => `${backendUrl}/v1/auth/x/callback`;

/** Where Stripe's webhooks reach the backend. */
export const stripeWebhookUrl = (backendUrl: string) => `${backendUrl}/v1/webhooks/stripe`;

/** Real Stripe's API, or the given environment's STRIPE_API_URL, when no stand-in runs. */
export const configuredStripeUrl = (environment: NodeJS.ProcessEnv) =>
  environment.STRIPE_API_URL || STRIPE_PRODUCTION_URLS.STRIPE_API_URL;

export async function startStandIns(
  config: StartConfig,
  backendUrl: string,
  write: (line: string) => void,
): Promise<StandIns> {
  const log = (message: string, details?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), message, ...details }));
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    await Promise.all(started.map((standIn) => standIn.stop()));
  };
  /** Starts a stand-in only when its real service is not configured; stopped with the others. */
  const startIf = async <T extends { stop(): Promise<void> }>(
    wanted: boolean,
    start: () => Promise<T>,
  ): Promise<T | undefined> => {
    if (!wanted) return undefined;
    const standIn = await start();
    started.push(standIn);
    return standIn;
  };
  try {
    const stripe = await startIf(config.localStripe, () =>
      startStripeStandIn({
        port: config.STRIPE_LOCAL_PORT,
        webhookUrl: stripeWebhookUrl(backendUrl),
        log,
      }),
    );
    const x = await startIf(config.localX, () =>
      startXStandIn({
        port: config.X_LOCAL_PORT,
        clients: [{ ...X_DEV_CLIENT, redirectUris: [xCallbackUrl(backendUrl)] }],
        log,
      }),
    );
    const smtp = await startIf(config.localSmtp, () =>
      startSmtpStandIn({ port: config.SMTP_LOCAL_PORT, inboxPort: config.SMTP_INBOX_PORT, log }),
    );
    const backendEnv = {
      ...(stripe ? stripeStandInEnv(stripe) : {}),
      ...(x ? xStandInEnv(x) : {}),
      ...(smtp ? smtpStandInEnv(smtp) : {}),
    };
    return { stripe, x, smtp, backendEnv, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
