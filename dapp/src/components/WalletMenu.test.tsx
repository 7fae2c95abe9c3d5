import { render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ServicesProvider } from "../app/services.tsx";
import type { AppConfig } from "../config/config.ts";
import { WalletMenu } from "./WalletMenu.tsx";

const disconnect = vi.fn();
const switchChain = vi.fn();
const wallet = vi.hoisted(() => ({ chainId: 31337 }));
vi.mock("wagmi", () => ({
  useConnection: () => ({
    connector: { name: "Dev wallet" },
    chainId: wallet.chainId,
    chain: wallet.chainId === 31337 ? { name: "Hardhat" } : undefined,
  }),
  useDisconnect: () => ({ mutate: disconnect }),
  useSwitchChain: () => ({ mutate: switchChain, isPending: false }),
}));

const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const services = { config: { chainId: 31337 } as AppConfig, backend: vi.fn() as never };

function renderMenu(onSwitch = vi.fn()) {
  render(
    <ServicesProvider value={services}>
      <WalletMenu address={alice} onSwitch={onSwitch} />
    </ServicesProvider>,
  );
  return onSwitch;
}

describe("the wallet menu", () => {
  it("opens from the address chip with copy, switch, disconnect and the network", async () => {
    const writeText = vi.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    const onSwitch = renderMenu();
    expect(screen.queryByTestId("wallet-menu")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: /0x7099…79C8/ }));
    const menu = screen.getByTestId("wallet-menu");
    expect(menu.textContent).toContain("Hardhat");
    await userEvent.click(screen.getByRole("button", { name: "Copy address" }));
    expect(writeText).toHaveBeenCalledWith(alice);
    await userEvent.click(screen.getByRole("button", { name: "Switch wallet" }));
    expect(onSwitch).toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: /0x7099…79C8/ }));
    await userEvent.click(screen.getByRole("button", { name: "Disconnect" }));
    expect(disconnect).toHaveBeenCalled();
  });

  it("offers the switch when the wallet is on another network, and closes on Escape", async () => {
    wallet.chainId = 1;
    renderMenu();
    await userEvent.click(screen.getByRole("button", { name: /0x7099…79C8/ }));
    expect(screen.getByTestId("wallet-menu").textContent).toContain("Chain 1");
    await userEvent.click(screen.getByRole("button", { name: "Switch to chain 31337" }));
    expect(switchChain).toHaveBeenCalledWith({ chainId: 31337 }, expect.anything());
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("wallet-menu")).toBeNull();
  });
});
