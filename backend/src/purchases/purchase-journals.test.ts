import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { userAccount } from "../ledger/accounts.ts";
import { assertBalanced } from "../ledger/ledger.service.ts";
import {
  creditEntries,
  disputeOpenedEntries,
  disputeWonEntries,
  planClawback,
  refundEntries,
} from "./purchase-journals.ts";

const user = "6f1c2f0e-9a77-4c8e-8a55-0d7f6f9e1c11";

/** A fully paid, not yet reversed purchase of 1000 credits for 100 cents. */
const purchase = { credits: 1000n, creditsReversed: 0n, amountCents: 100n, partCents: 100n };

describe("planClawback", () => {
  it.each([
    {
      case: "takes from the spendable balance first and books the rest as receivable",
      input: { ...purchase, spendable: 300n },
      expected: { credits: 1000n, fromUser: 300n, receivable: 700n },
    },
    {
      case: "never reverses more than the purchase still has unreversed",
      input: { ...purchase, creditsReversed: 900n, partCents: 50n, spendable: 5000n },
      expected: { credits: 100n, fromUser: 100n, receivable: 0n },
    },
  ])("$case", ({ input, expected }) => {
    expect(planClawback(input)).toEqual(expected);
  });

  it("always balances and never takes more than the user holds", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.bigInt({ min: 0n, max: 1000n }),
        fc.bigInt({ min: 0n, max: 1000n }),
        (credits, amountCents, spendable, partPermille, reversedPermille) => {
          const partCents = (amountCents * partPermille) / 1000n;
          const creditsReversed = (credits * reversedPermille) / 1000n;
          const c = planClawback({ credits, creditsReversed, amountCents, partCents, spendable });
          expect(c.fromUser).toBeLessThanOrEqual(spendable);
          expect(c.fromUser + c.receivable).toBe(c.credits);
          expect(creditsReversed + c.credits).toBeLessThanOrEqual(credits);
          if (partCents > 0n) assertBalanced(refundEntries(user, partCents, c));
        },
      ),
    );
  });
});

describe("journal builders", () => {
  it("credit journal gives the user the credits and balances per asset", () => {
    const entries = creditEntries(user, 500n, 50n * 10n ** 18n);
    assertBalanced(entries);
    expect(entries).toContainEqual({ account: userAccount(user), amount: 50n * 10n ** 18n });
  });

  it("a won dispute exactly reverses its opening journal", () => {
    const c = planClawback({ ...purchase, spendable: 10n });
    const opened = disputeOpenedEntries(user, 100n, c, true);
    const won = disputeWonEntries(user, 100n, c, true);
    assertBalanced(opened);
    assertBalanced(won);
    expect(
      opened.map((e) => e.amount + (won.find((w) => w.account === e.account)?.amount ?? 0n)),
    ).toEqual(opened.map(() => 0n));
  });
});
