import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { createBackend } from "../../src/api/backend.ts";
import { NoticesProvider } from "../../src/app/notices.tsx";
import { ServicesProvider } from "../../src/app/services.tsx";
import { sessionHint } from "../../src/app/session-hint.ts";
import type { AppConfig } from "../../src/config/config.ts";

export type FakeRequest = {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
};
/** Answers one request: `[status, JSON body]`. */
export type FakeRoutes = (request: FakeRequest) => [number, unknown];

export const signedInProfile = {
  id: "u1",
  email: "alice@example.com",
  role: "user",
  wallets: [],
  createdAt: "2026-01-01T00:00:00.000Z",
};

function toRequest(url: string | URL | Request, init?: RequestInit): FakeRequest {
  const { pathname, search } = new URL(String(url));
  return {
    method: init?.method ?? "GET",
    path: `${pathname}${search}`,
    body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    headers: (init?.headers ?? {}) as Record<string, string>,
  };
}

/**
 * Renders `ui` with the app's providers and the real backend client over a fake `fetch`, so the
 * components go through the same validation and error handling as in the browser. `signedIn`
 * (default true) is whether this browser remembers a sign-in, as after a real one.
 */
export function renderWithBackend(
  ui: ReactNode,
  routes: FakeRoutes,
  { signedIn = true, config = {} as AppConfig }: { signedIn?: boolean; config?: AppConfig } = {},
) {
  if (signedIn) sessionHint.remember();
  else sessionHint.forget();
  const fetcher = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const [status, body] = routes(toRequest(url, init));
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const services = {
    config,
    backend: createBackend("http://api", fetcher as typeof fetch),
  };
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ServicesProvider value={services}>
        <NoticesProvider>{ui}</NoticesProvider>
      </ServicesProvider>
    </QueryClientProvider>,
  );
  /** The requests sent so far, optionally only those to paths starting with `prefix`. */
  const requests = (prefix = "") =>
    fetcher.mock.calls
      .map(([url, init]) => toRequest(url, init))
      .filter((r) => r.path.startsWith(prefix));
  return { ...view, requests, queryClient };
}
