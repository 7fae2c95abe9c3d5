/**
 * Whether this browser may hold a Boon session. The session cookies are httpOnly (the app cannot
 * see them), so the app remembers that a sign-in happened here: without that hint a page load does
 * not ask `/v1/me` (nor `/v1/auth/refresh`) for a session it knows it cannot have, and the console
 * stays free of 401s for signed-out visitors.
 */
const KEY = "boon.session-hint";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled: behave as if a session may exist
  }
}

export const sessionHint = {
  /** True when a session may exist (or when it cannot be known). */
  mayExist(): boolean {
    const store = storage();
    return store ? store.getItem(KEY) === "1" : true;
  },
  remember(): void {
    storage()?.setItem(KEY, "1");
  },
  forget(): void {
    storage()?.removeItem(KEY);
  },
};

/**
 * Sign-in with X ends with the backend redirecting here with `?x=<outcome>`: the session cookies
 * were set then, so the hint is remembered before the first `/v1/me`.
 */
export function rememberRedirectSignIn(search: string): void {
  const outcome = new URLSearchParams(search).get("x");
  if (outcome && outcome !== "error") sessionHint.remember();
}
