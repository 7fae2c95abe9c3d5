import { type ComponentType, type LazyExoticComponent, lazy } from "react";

export type Route = {
  path: string;
  label: string;
  /** Shown in the main navigation. */
  nav: boolean;
  page: LazyExoticComponent<ComponentType>;
};

// Each page is its own chunk: the first load carries only the shell and wallet plumbing.
export const routes: Route[] = [
  { path: "/", label: "Home", nav: true, page: lazy(() => import("../pages/HomePage.tsx")) },
  { path: "/send", label: "Send", nav: true, page: lazy(() => import("../pages/SendPage.tsx")) },
  {
    path: "/claim/x",
    label: "Claim X gifts",
    nav: false,
    page: lazy(() => import("../pages/claim/XClaimPage.tsx")),
  },
  {
    path: "/claim",
    label: "Claim",
    nav: false,
    page: lazy(() => import("../pages/ClaimPage.tsx")),
  },
  {
    path: "/wallet",
    label: "Wallet",
    nav: false,
    page: lazy(() => import("../pages/WalletPage.tsx")),
  },
  {
    path: "/activity",
    label: "Activity",
    nav: true,
    page: lazy(() => import("../pages/ActivityPage.tsx")),
  },
  { path: "/buy", label: "Buy", nav: true, page: lazy(() => import("../pages/BuyPage.tsx")) },
  {
    path: "/purchases",
    label: "Purchases",
    nav: false,
    page: lazy(() => import("../pages/PurchasesPage.tsx")),
  },
  {
    path: "/account",
    label: "Account",
    nav: true,
    page: lazy(() => import("../pages/AccountPage.tsx")),
  },
  // The local chain has no block explorer: transactions link here instead (as Scaffold-ETH 2 does).
  {
    path: "/tx",
    label: "Transaction",
    nav: false,
    page: lazy(() => import("../pages/TxPage.tsx")),
  },
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
