import { Suspense } from "react";
import { useChainId, useConnection, useSwitchChain } from "wagmi";
import { WalletButton } from "../components/WalletButton.tsx";
import { Link, usePath } from "./router.tsx";
import { matchRoute, routes } from "./routes.ts";
import { useServices } from "./services.tsx";

function Nav({ path, className }: { path: string; className: string }) {
  const current = matchRoute(path)?.path;
  return (
    <nav className={className} aria-label={className === "tabbar" ? "Main (bottom)" : "Main"}>
      <ul>
        {routes
          .filter((route) => route.nav)
          .map((route) => (
            <li key={route.path}>
              <Link href={route.path} aria-current={current === route.path ? "page" : undefined}>
                <span
                  className={`nav-icon nav-icon-${route.label.toLowerCase()}`}
                  aria-hidden="true"
                />
                {route.label}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Wrong-network detection: the wallet is on another chain than the app's. */
function NetworkBanner() {
  const { config } = useServices();
  const { isConnected, chainId } = useConnection();
  const appChainId = useChainId();
  const { mutate: switchChain, isPending } = useSwitchChain();
  if (!isConnected || chainId === undefined || chainId === config.chainId) return null;
  return (
    <div className="banner banner-warning" role="alert">
      <span>
        Your wallet is on chain {chainId}. Boon runs on chain {appChainId}.
      </span>
      <button
        type="button"
        className="button small"
        disabled={isPending}
        onClick={() => switchChain({ chainId: config.chainId })}
      >
        {isPending ? "Switching…" : "Switch network"}
      </button>
    </div>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing here. <Link href="/">Go home</Link>.
      </p>
    </section>
  );
}

export function App() {
  const path = usePath();
  const route = matchRoute(path);
  const Page = route?.page;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand" aria-label="Boon home">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          <span>Boon</span>
        </Link>
        <Nav path={path} className="topnav" />
        <WalletButton />
      </header>
      <NetworkBanner />
      <main id="main" tabIndex={-1}>
        <Suspense
          fallback={<div className="page-loading" role="status" aria-label="Loading page" />}
        >
          {Page ? <Page key={route.path} /> : <NotFound />}
        </Suspense>
      </main>
      <Nav path={path} className="tabbar" />
    </div>
  );
}
