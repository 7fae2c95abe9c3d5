import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { boonConfig } from "./deployment-plugin.ts";
import { routePreload } from "./route-preload-plugin.ts";

export default defineConfig({
  plugins: [
    react(),
    boonConfig(),
    routePreload({
      "": "src/pages/HomePage.tsx",
      send: "src/pages/SendPage.tsx",
      claim: "src/pages/ClaimPage.tsx",
      wallet: "src/pages/WalletPage.tsx",
      activity: "src/pages/ActivityPage.tsx",
      buy: "src/pages/BuyPage.tsx",
      account: "src/pages/AccountPage.tsx",
      tx: "src/pages/TxPage.tsx",
    }),
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: false,
      includeAssets: ["icons/icon.svg"],
      manifest: {
        name: "Boon",
        short_name: "Boon",
        description:
          "Send token gifts to a wallet or a claim link; claim yours; buy BOON with a card.",
        theme_color: "#5b3fd1",
        background_color: "#17131f",
        display: "standalone",
        start_url: "/",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          {
            src: "/icons/icon-maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
          { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        // The offline shell: every built asset is precached; routes fall back to index.html.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        // Wallet SDKs (WalletConnect, Coinbase) are large and online-only: not part of the shell.
        globIgnores: ["**/wallet-sdk*.js"],
        navigateFallback: "/index.html",
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  // Pre-bundled at dev-server start: discovering them on a lazy page's first visit would reload the
  // page mid-use (and mid-test).
  optimizeDeps: {
    include: [
      "react",
      "react/jsx-runtime",
      "react-dom/client",
      "wagmi",
      "wagmi/actions",
      "viem",
      "viem/accounts",
      "@scure/bip39",
      "@noble/hashes/scrypt",
      "viem/siwe",
      "@tanstack/react-query",
      "zod/mini",
      "qrcode",
      "@ponder/client",
    ],
  },
  build: {
    manifest: true,
    target: "es2022",
    rolldownOptions: {
      // `ponder` (imported by the indexer schema for its table builders) declares no `sideEffects`,
      // so its GraphQL server and SQL parser stayed in the bundle: +45 KB gzip on every page that
      // reads the indexer. Only its schema builders run in the browser.
      treeshake: {
        moduleSideEffects: (id: string) => !/node_modules[\\/]ponder[\\/]/.test(id),
      },
      output: {
        codeSplitting: {
          groups: [
            {
              name: "wallet-sdk",
              includeDependenciesRecursively: false,
              test: /node_modules[\\/](@walletconnect|@reown|@coinbase|@base-org|@safe-global|@metamask|@lit|lit|lit-html|lit-element)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "*.test.ts"],
    setupFiles: ["test/support/setup.ts"],
  },
});
