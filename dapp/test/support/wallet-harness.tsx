import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { configure, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { custom, defineChain } from "viem";
import { createConfig, WagmiProvider } from "wagmi";
import { createBackend } from "../../src/api/backend.ts";
import { NoticesProvider } from "../../src/app/notices.tsx";
import { ServicesProvider } from "../../src/app/services.tsx";
import type { AppConfig } from "../../src/config/config.ts";

// The wallet screens wait on real key derivation (600k PBKDF2 rounds, scrypt): seconds, not the
// default one, on a machine busy with other work.
configure({ asyncUtilTimeout: 30_000 });

const chain = defineChain({
  id: 31337,
  name: "test chain",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:1"] } },
});

/**
 * Renders `ui` with wagmi (no connectors; a chain whose node refuses every call, as nothing here
 * should need one) and the app's other providers: for the wallet screens, which sign locally.
 */
export function renderWithWagmi(ui: ReactNode) {
  const wagmi = createConfig({
    chains: [chain],
    transports: {
      [chain.id]: custom({
        async request({ method }) {
          throw new Error(`no node in this test (${method})`);
        },
      }),
    },
    connectors: [],
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const services = {
    config: { chainId: chain.id } as AppConfig,
    backend: createBackend("http://api", (async () => new Response("{}")) as typeof fetch),
  };
  const view = render(
    <WagmiProvider config={wagmi}>
      <QueryClientProvider client={queryClient}>
        <ServicesProvider value={services}>
          <NoticesProvider>{ui}</NoticesProvider>
        </ServicesProvider>
      </QueryClientProvider>
    </WagmiProvider>,
  );
  return { ...view, wagmi };
}
