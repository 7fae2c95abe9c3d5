import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithBackend, signedInProfile } from "../../test/support/backend-harness.tsx";
import { useSession } from "./session.ts";
import { rememberRedirectSignIn, sessionHint } from "./session-hint.ts";

function Who() {
  const session = useSession();
  if (session.isPending) return <p>loading</p>;
  return <p>{session.data ? session.data.email : "signed out"}</p>;
}

describe("useSession", () => {
  it("asks nothing of the backend when this browser never signed in (no 401 in the console)", async () => {
    const view = renderWithBackend(<Who />, () => [401, {}], { signedIn: false });
    await screen.findByText("signed out");
    expect(view.requests()).toEqual([]);
  });

  it("loads the profile when a sign-in is remembered", async () => {
    const view = renderWithBackend(<Who />, ({ path }) =>
      path === "/v1/me" ? [200, signedInProfile] : [404, {}],
    );
    await screen.findByText("alice@example.com");
    expect(view.requests().map((r) => r.path)).toEqual(["/v1/me"]);
  });

  it("forgets the hint once the session is gone, so the next load asks nothing", async () => {
    const view = renderWithBackend(<Who />, () => [
      401,
      { error: { code: "unauthenticated", message: "Sign in" } },
    ]);
    await screen.findByText("signed out");
    expect(view.requests().map((r) => r.path)).toEqual(["/v1/me", "/v1/auth/refresh"]);
    await waitFor(() => expect(sessionHint.mayExist()).toBe(false));
  });

  it("remembers a sign-in with X that came back through a redirect", () => {
    sessionHint.forget();
    rememberRedirectSignIn("?x=error&code=x_denied");
    expect(sessionHint.mayExist()).toBe(false);
    rememberRedirectSignIn("?x=signed_in");
    expect(sessionHint.mayExist()).toBe(true);
  });
});
