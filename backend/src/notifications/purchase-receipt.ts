import { formatUnits } from "viem";
import { BOON_DECIMALS } from "../ledger/amounts.ts";
import { boonPerUsd, feeCentsFor } from "../purchases/pricing.ts";
import { findPurchaseById } from "../purchases/purchases.repository.ts";
import { findUserById } from "../users/user.repository.ts";
import type { Notification } from "./notification.ts";

/** Integer cents as dollars, without a float: 123456 -> "$1,234.56". */
export function dollars(cents: number): string {
  const whole = Math.floor(cents / 100).toLocaleString("en-US");
  return `$${whole}.${String(cents % 100).padStart(2, "0")}`;
}

const boon = (units: bigint) => `${formatUnits(units, BOON_DECIMALS)} BOON`;

/** The receipt emailed once when a card purchase is paid and its credits are in the account. */
export function purchaseReceipt(options: { dappOrigin: string }): Notification {
  return {
    name: "purchase_receipt",
    types: ["purchase.settled"],
    subjectOf: (event) => event.subject.id,
    async compose(db, event) {
      const purchase = await findPurchaseById(db, event.subject.id);
      const userId = purchase?.userId ?? event.userId;
      if (!purchase) return { skip: "purchase not found", userId };
      const user = await findUserById(db, purchase.userId);
      if (!user?.email) return { skip: "no email address on the account", userId };
      const fee = feeCentsFor(purchase.amountCents);
      const link = `${options.dappOrigin}/purchases/${purchase.id}`;
      const lines = [
        "Thank you for your purchase. Your BOON credits are in your account.",
        "",
        `Amount paid: ${dollars(purchase.amountCents)}`,
        `Fees: ${dollars(fee)}`,
        `BOON credited: ${boon(purchase.credits)}`,
        `Rate: ${boon(boonPerUsd(purchase.priceCentsPerBoon))} per US dollar`,
        `Paid: ${(purchase.paidAt ?? event.occurredAt).toUTCString()}`,
        `Receipt number: ${purchase.id}`,
        "",
        `Your receipt and purchase history: ${link}`,
      ];
      return {
        userId,
        message: {
          to: user.email,
          subject: `Your Boon receipt: ${dollars(purchase.amountCents)} for ${boon(purchase.credits)}`,
          text: lines.join("\n"),
        },
      };
    },
  };
}
