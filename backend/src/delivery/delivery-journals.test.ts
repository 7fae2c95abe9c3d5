import { describe, expect, it } from "vitest";
import { assertBalanced } from "../ledger/ledger.service.ts";
import * as journals from "./delivery-journals.ts";

const { debitEntries, deliveredEntries, giftRefundEntries, returnedEntries } = journals;

const user = "3f1c2a7e-58b4-4e0e-9a59-0d5a3f4c9e11";

describe("delivery journals", () => {
  it("every journal balances", () => {
    for (const entries of [
      debitEntries(user, 7n),
      deliveredEntries(7n),
      returnedEntries(user, 7n),
      giftRefundEntries(user, 7n),
    ]) {
      expect(() => assertBalanced(entries)).not.toThrow();
    }
  });

  it("a returned delivery restores exactly what the debit took", () => {
    const net = new Map<string, bigint>();
    for (const entry of [...debitEntries(user, 9n), ...returnedEntries(user, 9n)]) {
      net.set(entry.account, (net.get(entry.account) ?? 0n) + entry.amount);
    }
    expect([...net.values()].every((value) => value === 0n)).toBe(true);
  });

  it("a delivered debit leaves nothing in delivery", () => {
    const net = new Map<string, bigint>();
    for (const entry of [...debitEntries(user, 5n), ...deliveredEntries(5n)]) {
      net.set(entry.account, (net.get(entry.account) ?? 0n) + entry.amount);
    }
    expect(net.get("system:in_delivery")).toBe(0n);
    expect(net.get(`user:${user}:boon`)).toBe(-5n);
  });
});
