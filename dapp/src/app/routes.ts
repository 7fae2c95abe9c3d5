import { type ComponentType, type LazyExoticComponent, lazy } from "react";

export type Route = {
  path: string;
  label: string;
  /** Shown in the main navigation. */
  nav: boolean;
  page: LazyExoticComponent<ComponentType>;
};

type PageModule = { default: ComponentType };

const lazyRoute = (path: string, label: string, nav: boolean, load: () => Promise<PageModule>) => ({
  path,
  label,
  nav,
  page: lazy(load),
});

// Each page is its own chunk: the first load carries only the shell and wallet plumbing.
export const routes: Route[] = [
  lazyRoute("/", "Home", true, () => import("../pages/HomePage.tsx")),
  lazyRoute("/send", "Send", true, () => import("../pages/SendPage.tsx")),
  lazyRoute("/claim/x", "Claim X gifts", false, () => import("../pages/claim/XClaimPage.tsx")),
  lazyRoute("/claim", "Claim", false, () => import("../pages/ClaimPage.tsx")),
  lazyRoute("/wallet", "Wallet", false, () => import("../pages/WalletPage.tsx")),
  lazyRoute("/activity", "Activity", true, () => import("../pages/ActivityPage.tsx")),
  lazyRoute("/buy", "Buy", true, () => import("../pages/BuyPage.tsx")),
  lazyRoute("/purchases", "Purchases", false, () => import("../pages/PurchasesPage.tsx")),
  lazyRoute("/account", "Account", true, () => import("../pages/AccountPage.tsx")),
  // The local chain has no block explorer: transactions link here instead (as Scaffold-ETH 2 does).
  lazyRoute("/tx", "Transaction", false, () => import("../pages/TxPage.tsx")),
];

/** The route for a path: exact, or its first segment (/buy/success -> /buy). */
export function matchRoute(path: string): Route | null {
  const pathname = path.split(/[?#]/)[0] ?? "/";
  const first = `/${pathname.split("/")[1] ?? ""}`;
  return (
    routes.find((route) => route.path === pathname) ??
    routes.find((route) => route.path === first) ??
    null
  );
}
