import { afterEach, describe, expect, it } from "vitest";
import type { Connector } from "wagmi";
import { browserWallets, noBrowserWalletHint } from "./ConnectDialog.tsx";

const connector = (id: string, name = id) =>
  ({ id, name, type: id.startsWith("dev-") ? "mock" : "injected" }) as Connector;

afterEach(() => {
  delete (window as { ethereum?: unknown }).ethereum;
});

describe("browserWallets", () => {
  it("lists the wallets announced through EIP-6963, not the generic fallback", () => {
    const wallets = browserWallets([
      connector("injected"),
      connector("io.metamask", "MetaMask"),
      connector("dev-alice"),
    ]);
    expect(wallets.map((w) => w.name)).toEqual(["MetaMask"]);
  });
  it("falls back to the legacy injected provider only when one exists", () => {
    expect(browserWallets([connector("injected")])).toEqual([]);
    (window as { ethereum?: unknown }).ethereum = {};
    expect(browserWallets([connector("injected")]).map((w) => w.id)).toEqual(["injected"]);
  });
});

describe("noBrowserWalletHint", () => {
  it("points at WalletConnect only when this build has a project id", () => {
    expect(noBrowserWalletHint(true)).toMatch(/WalletConnect below/);
    expect(noBrowserWalletHint(false)).not.toMatch(/WalletConnect|mobile wallet below/);
    expect(noBrowserWalletHint(false)).toMatch(/Install a wallet extension/);
  });
});
