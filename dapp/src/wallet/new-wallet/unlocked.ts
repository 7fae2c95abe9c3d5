import type { LocalAccount } from "viem";

// The unlocked account lives in this tab's memory only: a reload or "Disconnect" locks the wallet
// again, and the passcode is asked for the next time.
let unlocked: LocalAccount | null = null;

export function setUnlockedAccount(account: LocalAccount): void {
  unlocked = account;
}
export function unlockedAccount(): LocalAccount | null {
  return unlocked;
}
export function lockWallet(): void {
  unlocked = null;
}
