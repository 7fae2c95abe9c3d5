import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getConnection } from "wagmi/actions";
import { renderWithWagmi } from "../../../test/support/wallet-harness.tsx";
import { RestoreWalletFlow } from "./RestoreWalletFlow.tsx";
import { storedWallet } from "./stored-wallet.ts";
import UnlockWallet from "./UnlockWallet.tsx";
import { lockWallet, unlockedAccount } from "./unlocked.ts";
import { saveWallet } from "./vault.ts";

const HARDHAT = `${"test ".repeat(11)}junk`;
const HARDHAT_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

beforeEach(() => localStorage.clear());
afterEach(() => lockWallet());

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("UnlockWallet", { timeout: 60_000 }, () => {
  it("says a wrong passcode is wrong, and connects with the right one", async () => {
    await saveWallet({ kind: "phrase", phrase: HARDHAT }, "correct horse 1");
    const onConnected = vi.fn();
    const { wagmi } = renderWithWagmi(<UnlockWallet onConnected={onConnected} />);
    expect(screen.getByTestId("wallet-address").dataset.address).toBe(HARDHAT_ADDRESS);
    type("Passcode", "correct horse 2");
    fireEvent.click(screen.getByRole("button", { name: "Unlock and connect" }));
    await screen.findByText("That passcode does not unlock this wallet. Check it and try again.");
    expect(unlockedAccount()).toBeNull();
    expect(onConnected).not.toHaveBeenCalled();
    type("Passcode", "correct horse 1");
    fireEvent.click(screen.getByRole("button", { name: "Unlock and connect" }));
    await waitFor(() => expect(onConnected).toHaveBeenCalled());
    expect(getConnection(wagmi).address).toBe(HARDHAT_ADDRESS);
  });
});

describe("RestoreWalletFlow", { timeout: 60_000 }, () => {
  it("explains a mistyped phrase, then restores the right one under a new passcode", async () => {
    const onRestored = vi.fn();
    renderWithWagmi(<RestoreWalletFlow onRestored={onRestored} />);
    type("Recovery phrase", HARDHAT.replace("junk", "junc"));
    type("Passcode", "correct horse 1");
    type("Passcode again", "correct horse 1");
    fireEvent.click(screen.getByRole("button", { name: "Restore wallet" }));
    await screen.findByText(/word 12 \(“junc”\)/);
    expect(storedWallet()).toBeNull();
    type("Recovery phrase", `  ${HARDHAT.toUpperCase()}\n`);
    fireEvent.click(screen.getByRole("button", { name: "Restore wallet" }));
    await screen.findByRole("heading", { name: "Wallet restored" });
    expect(onRestored).toHaveBeenCalledWith(HARDHAT_ADDRESS);
    expect(storedWallet()?.address).toBe(HARDHAT_ADDRESS);
  });
});
