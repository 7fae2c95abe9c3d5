import { startXStandIn, X_DEV_CLIENT, xStandInEnv } from "@boon/scripts/stand-ins";

/**
 * Development only: with no X_CLIENT_ID, starts the local X on X_LOCAL_PORT (4020) with the dev
 * client registered for this backend's callback, and points the backend at it through the X_*
 * keys. Returns how to stop it.
 */
export async function provideDevX(): Promise<() => Promise<void>> {
  if (process.env.X_CLIENT_ID) return async () => {};
  const port = Number(process.env.X_LOCAL_PORT || 4020);
  const publicUrl = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 4000}`;
  const x = await startXStandIn({
    port,
    clients: [
      { ...X_DEV_CLIENT, redirectUris: [`${new URL(publicUrl).origin}/v1/auth/x/callback`] },
    ],
  });
  Object.assign(process.env, xStandInEnv(x));
  process.stderr.write(`X_CLIENT_ID not set; the local X runs at ${x.url}\n`);
  return x.stop;
}
