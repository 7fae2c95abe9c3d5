// Plays the browser on the local X's consent page: loads it, fills the form the way a person would
// (choose an account, press "Authorize app" or "Cancel") and returns where X redirects — the
// app's callback URL with `code` and `state`, or with `error=access_denied`. For tests that run
// the OAuth flow without a real browser; the Chromium e2e clicks the same page.

export type ConsentOptions = {
  /** Handle or id to sign in as; by default the pre-selected account (`selectAccount`). */
  account?: string;
  decision?: "approve" | "cancel";
};

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g))
    found[m[1] as string] = decodeEntities(m[2] ?? "");
  return found;
}

/** The form's fields: hidden inputs and the account radio buttons. */
export function readConsentForm(page: string) {
  const hidden = new URLSearchParams();
  const accounts: Array<{ id: string; username: string; checked: boolean }> = [];
  for (const [tag] of page.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(tag);
    if (a.type === "hidden" && a.name) hidden.append(a.name, a.value ?? "");
    if (a.type === "radio" && a.name === "account")
      accounts.push({
        id: a.value ?? "",
        username: a["data-username"] ?? "",
        checked: "checked" in a,
      });
  }
  return { hidden, accounts };
}

export async function completeAuthorization(
  authorizeUrl: string | URL,
  options: ConsentOptions = {},
): Promise<URL> {
  const pageResponse = await fetch(authorizeUrl, { redirect: "manual" });
  const location = pageResponse.headers.get("location");
  if (location) return new URL(location); // refused before the page: X redirects with an error
  const page = await pageResponse.text();
  if (pageResponse.status !== 200)
    throw new Error(`local X consent page answered ${pageResponse.status}: ${page}`);
  const { hidden, accounts } = readConsentForm(page);
  const wanted = options.account?.replace(/^@/, "").toLowerCase();
  const account = wanted
    ? accounts.find((a) => a.id === wanted || a.username.toLowerCase() === wanted)
    : accounts.find((a) => a.checked);
  const decision = options.decision ?? "approve";
  if (decision === "approve" && !account)
    throw new Error(
      `local X consent page offers no account ${options.account ?? "(pre-selected)"}`,
    );
  const form = new URLSearchParams(hidden);
  if (account) form.set("account", account.id);
  form.set("decision", decision);
  const posted = await fetch(new URL("/i/oauth2/authorize", authorizeUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  const callback = posted.headers.get("location");
  if (!callback)
    throw new Error(`local X consent form answered ${posted.status}: ${await posted.text()}`);
  return new URL(callback);
}
