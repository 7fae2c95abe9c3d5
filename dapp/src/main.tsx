import result from "virtual:boon-config";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";
import { lazyBackend } from "./api/lazy-backend.ts";
import { App } from "./app/App.tsx";
import { ConfigProblemsScreen } from "./app/ConfigProblemsScreen.tsx";
import { NoticesProvider } from "./app/notices.tsx";
import { ServicesProvider } from "./app/services.tsx";
import "./styles.css";
import { createWagmiConfig } from "./wallet/wagmi.ts";

const root = createRoot(document.getElementById("root") as HTMLElement);

if (!result.ok) {
  root.render(<ConfigProblemsScreen problems={result.problems} />);
} else {
  const { config } = result;
  const wagmiConfig = createWagmiConfig(config);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
  });
  const services = { config, backend: lazyBackend(config.backendUrl) };
  const mount = () =>
    root.render(
      <StrictMode>
        <WagmiProvider config={wagmiConfig}>
          <QueryClientProvider client={queryClient}>
            <ServicesProvider value={services}>
              <NoticesProvider>
                <App />
              </NoticesProvider>
            </ServicesProvider>
          </QueryClientProvider>
        </WagmiProvider>
      </StrictMode>,
    );
  // The static shell (with the page's heading) paints first; the app takes over on the next frame,
  // rendering as a transition so React yields to the browser instead of one long task.
  requestAnimationFrame(() => setTimeout(() => startTransition(mount), 0));
}

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  // The offline shell: registered after load so it never competes with the first paint.
  window.addEventListener("load", () => {
    void import("virtual:pwa-register").then(({ registerSW }) => registerSW({ immediate: true }));
  });
}
