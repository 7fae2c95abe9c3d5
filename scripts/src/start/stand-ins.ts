// The stand-ins of outside services that `npm start` runs in its own process, each only when the
// real service is not configured: the local X (no X_CLIENT_ID) and the local SMTP (no SMTP_URL).
// The backend reaches them through the same keys it would use for the real services.
import {
  type SmtpStandIn,
  smtpStandInEnv,
  startSmtpStandIn,
  startXStandIn,
  X_DEV_CLIENT,
  type XStandIn,
  xStandInEnv,
} from "../../stand-ins/index.ts";
import type { StartConfig } from "./config.ts";

export type StandIns = {
  x: XStandIn | undefined;
  smtp: SmtpStandIn | undefined;
  /** The keys that point the backend at the stand-ins that run. */
  backendEnv: Record<string, string>;
  stop(): Promise<void>;
};

/** X's OAuth callback on the backend: the dev client's one registered redirect URI. */
export const xCallbackUrl = (backendUrl: string) => `${backendUrl}/v1/auth/x/callback`;

export async function startStandIns(
  config: StartConfig,
  backendUrl: string,
  write: (line: string) => void,
): Promise<StandIns> {
  const log = (message: string, details?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), message, ...details }));
  const x = config.localX
    ? await startXStandIn({
        port: config.X_LOCAL_PORT,
        clients: [{ ...X_DEV_CLIENT, redirectUris: [xCallbackUrl(backendUrl)] }],
        log,
      })
    : undefined;
  const smtp = config.localSmtp
    ? await startSmtpStandIn({
        port: config.SMTP_LOCAL_PORT,
        inboxPort: config.SMTP_INBOX_PORT,
        log,
      }).catch(async (error: unknown) => {
        await x?.stop();
        throw error;
      })
    : undefined;
  return {
    x,
    smtp,
    backendEnv: { ...(x ? xStandInEnv(x) : {}), ...(smtp ? smtpStandInEnv(smtp) : {}) },
    stop: async () => {
      await Promise.all([x?.stop(), smtp?.stop()]);
    },
  };
}
