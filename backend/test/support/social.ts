// Test support for X: a test app that reaches a local X of its own through configuration (as
// `npm start` does), and the browser's part of the OAuth flow — start, consent on the local X's
// page (`completeAuthorization`), come back to the callback with the browser's cookies.
import {
  type ConsentOptions,
  completeAuthorization,
  startXStandIn,
  X_DEV_CLIENT,
  type XStandIn,
  type XStandInOptions,
  xStandInEnv,
} from "@boon/scripts/stand-ins";
import { expect } from "vitest";
import {
  api,
  cookiesFrom,
  startBeside,
  startTestApp,
  type TestApp,
  type TestAppOverrides,
  useStarted,
} from "./app.ts";

export type SocialTestApp = TestApp & { x: XStandIn };

/** A test app with a fresh local X; the X dev client is registered for the app's callback URL. */
export async function startSocialTestApp(
  overrides: TestAppOverrides & { xOptions?: XStandInOptions } = {},
): Promise<SocialTestApp> {
  const x = await startXStandIn(overrides.xOptions);
  const app = await startBeside(x, async () => {
    const app = await startTestApp({ ...overrides, env: { ...xStandInEnv(x), ...overrides.env } });
    x.registerClient({ ...X_DEV_CLIENT, redirectUris: [app.config.social.x.callbackUrl] });
    return app;
  });
  return { ...app, x };
}

/** A social test app for the calling test file (see useStarted). */
export function useSocialTestApp(
  overrides: TestAppOverrides & { xOptions?: XStandInOptions } = {},
): SocialTestApp {
  return useStarted(() => startSocialTestApp(overrides));
}

/** A browser's cookie jar, as far as these flows need one: name -> value. */
export type Jar = Record<string, string>;

export const cookieHeader = (jar: Jar) =>
  Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

/** A jar holding a signed-in user's session cookies (from `signIn`'s headers). */
export function jarOf(headers: { cookie: string }): Jar {
  return Object.fromEntries(
    headers.cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** POST /v1/auth/x/start from the browser; keeps the flow cookie in the jar. */
export async function startFlow(
  app: TestApp,
  jar: Jar,
  body: { purpose: "link" | "sign_in"; redirectTo?: string },
): Promise<URL> {
  const res = await api(app, "POST", "/v1/auth/x/start", {
    body,
    headers: { cookie: cookieHeader(jar) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  Object.assign(jar, cookiesFrom(res.headers));
  return new URL(res.body.authorizeUrl);
}

/**
 * Follows X's redirect back to the backend's callback (its host swapped for the test server's, as
 * the registered callback names the configured PUBLIC_URL), with the browser's cookies; returns
 * where the backend sends the browser and stores the cookies it sets.
 */
export async function returnFromX(
  app: TestApp,
  jar: Jar,
  callback: URL,
): Promise<{ status: number; location: URL }> {
  const url = new URL(`${callback.pathname}${callback.search}`, app.baseUrl);
  const res = await fetch(url, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
  Object.assign(jar, cookiesFrom(res.headers));
  return { status: res.status, location: new URL(res.headers.get("location") ?? "about:blank") };
}

/** The whole browser journey: start, consent on the local X as `account`, return to Boon. */
export async function xFlow(
  app: TestApp,
  jar: Jar,
  purpose: "link" | "sign_in",
  consent: ConsentOptions,
): Promise<URL> {
  const authorizeUrl = await startFlow(app, jar, { purpose });
  const callback = await completeAuthorization(authorizeUrl, consent);
  return (await returnFromX(app, jar, callback)).location;
}

/** Links `account` on the local X to the signed-in user; expects success. */
export async function linkX(app: TestApp, headers: { cookie: string }, account: string) {
  const jar = jarOf(headers);
  const back = await xFlow(app, jar, "link", { account });
  expect(back.searchParams.get("code")).toBeNull();
  expect(back.searchParams.get("x")).toBe("linked");
  return jar;
}

/** Signs in with `account` on the local X from a fresh browser; returns its session cookies. */
export async function signInWithX(app: TestApp, account: string): Promise<{ cookie: string }> {
  const jar: Jar = {};
  const back = await xFlow(app, jar, "sign_in", { account });
  expect(back.searchParams.get("code")).toBeNull();
  expect(back.searchParams.get("x")).toBe("signed_in");
  return { cookie: cookieHeader({ boon_at: jar.boon_at ?? "", boon_rt: jar.boon_rt ?? "" }) };
}
