import { afterEach, describe, expect, it } from "vitest";
import type { Connector } from "wagmi";
import { browserWallets } from "./ConnectDialog.tsx";

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
