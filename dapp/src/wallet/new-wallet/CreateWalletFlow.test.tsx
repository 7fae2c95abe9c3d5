import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getConnection } from "wagmi/actions";
import { renderWithWagmi } from "../../../test/support/wallet-harness.tsx";
import { CreateWalletFlow } from "./CreateWalletFlow.tsx";
import { decryptKeystore } from "./keystore.ts";
import { accountOf, checkPhrase } from "./phrase.ts";
import { storedWallet, WALLET_STORAGE_KEY } from "./stored-wallet.ts";
import { lockWallet } from "./unlocked.ts";
import { unlockWallet } from "./vault.ts";

beforeEach(() => localStorage.clear());
afterEach(() => lockWallet());

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole("button", { name }));
const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** Passes the passcode step and returns the phrase as shown, word by word. */
function choosePasscode(passcode = "correct horse 1") {
  type("Passcode", passcode);
  type("Passcode again", passcode);
  click("Continue");
  const list = screen.getByRole("list", { name: "Recovery phrase" });
  return within(list)
    .getAllByRole("listitem")
    .map((item) => item.querySelector(".phrase-word")?.textContent ?? "");
}

/** Types the asked words (by their "Word #n" labels), each transformed by `answer`. */
function answerQuiz(words: string[], answer = (word: string) => word) {
  for (const input of screen.getAllByLabelText(/^Word #\d+$/)) {
    const position = Number(input.id.replace("backup-word-", ""));
    fireEvent.change(input, { target: { value: answer(words[position - 1] ?? "") } });
  }
}

describe("CreateWalletFlow", { timeout: 60_000 }, () => {
  it("refuses a short or mistyped passcode", () => {
    renderWithWagmi(<CreateWalletFlow onCreated={() => {}} />);
    type("Passcode", "short");
    type("Passcode again", "short");
    click("Continue");
    expect(screen.getByRole("alert").textContent).toMatch(/at least 8/);
    type("Passcode", "long enough");
    type("Passcode again", "long enuogh");
    click("Continue");
    expect(screen.getByRole("alert").textContent).toMatch(/differ/);
    expect(screen.queryByRole("list", { name: "Recovery phrase" })).toBeNull();
  });

  it("shows 12 numbered words, never a private key, and saves nothing before the backup is confirmed", async () => {
    const onCreated = vi.fn();
    renderWithWagmi(<CreateWalletFlow onCreated={onCreated} />);
    const words = choosePasscode();
    expect(words).toHaveLength(12);
    expect(checkPhrase(words.join(" ")).ok).toBe(true);
    expect(document.body.textContent).not.toMatch(/0x[0-9a-fA-F]{64}/);
    click("I wrote the words down");
    expect(screen.getAllByLabelText(/^Word #\d+$/)).toHaveLength(3);
    answerQuiz(words, (word) => `${word}x`);
    click("Confirm backup");
    expect(await screen.findByText("3 words do not match.", { exact: false })).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
    expect(localStorage.getItem(WALLET_STORAGE_KEY)).toBeNull();
  });

  it("saves the wallet encrypted once the asked words are typed back, and connects it", async () => {
    const onCreated = vi.fn();
    const { wagmi } = renderWithWagmi(<CreateWalletFlow onCreated={onCreated} connectAfter />);
    const words = choosePasscode();
    const address = accountOf({ kind: "phrase", phrase: words.join(" ") }).address;
    click("I wrote the words down");
    answerQuiz(words, (word) => ` ${word.toUpperCase()} `);
    click("Confirm backup");
    await screen.findByRole("heading", { name: "Your Boon wallet is ready" });
    expect(onCreated).toHaveBeenCalledWith(address);
    expect(screen.getByTestId("wallet-address").dataset.address).toBe(address);
    expect(storedWallet()?.address).toBe(address);
    expect((await unlockWallet("correct horse 1")).account.address).toBe(address);
    await waitFor(() => expect(getConnection(wagmi).address).toBe(address));
    expect(getConnection(wagmi).connector?.name).toBe("Boon wallet");
  });

  it("accepts a downloaded keystore file (locked with the passcode) as the backup instead", async () => {
    let file: Blob | undefined;
    const createObjectURL = vi.fn((blob: Blob) => {
      file = blob;
      return "blob:keystore";
    });
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const onCreated = vi.fn();
    renderWithWagmi(<CreateWalletFlow onCreated={onCreated} />);
    const words = choosePasscode();
    const address = accountOf({ kind: "phrase", phrase: words.join(" ") }).address;
    click("Download a keystore file instead");
    const confirm = screen.getByRole("button", { name: "Confirm backup" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    click("Download keystore file");
    await screen.findByText(/Downloaded\./);
    expect(names).toEqual([expect.stringMatching(/^UTC--.+--[0-9a-f]{40}\.json$/)]);
    fireEvent.click(screen.getByLabelText(/I saved the keystore file/));
    click("Confirm backup");
    await screen.findByRole("heading", { name: "Your Boon wallet is ready" });
    expect(onCreated).toHaveBeenCalledWith(address);
    const key = await decryptKeystore(JSON.parse(await (file as Blob).text()), "correct horse 1");
    expect(accountOf({ kind: "privateKey", key }).address).toBe(address);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("offers the wallet already on the device before making another", async () => {
    const { saveWallet } = await import("./vault.ts");
    const phrase = `${"test ".repeat(11)}junk`;
    await saveWallet({ kind: "phrase", phrase }, "correct horse 1");
    const onCreated = vi.fn();
    renderWithWagmi(<CreateWalletFlow onCreated={onCreated} />);
    expect(screen.getByTestId("wallet-address").dataset.address).toBe(
      "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    );
    click("Use this wallet");
    expect(onCreated).toHaveBeenCalledWith("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  });
});
