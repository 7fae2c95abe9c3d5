import { FormField } from "../../components/FormField.tsx";
import { formatBoon } from "../../lib/amount.ts";
import type { PayWith } from "./types.ts";
import type { SendForm } from "./use-send-form.ts";

/** What the sender has to spend where the gift is paid from, when known. */
export function balanceHint(
  payWith: PayWith,
  wallet: bigint | undefined,
  credits: bigint | undefined,
): string | undefined {
  if (payWith === "wallet")
    return wallet !== undefined ? `You have ${formatBoon(wallet)} BOON in your wallet.` : undefined;
  return credits !== undefined ? `You have ${formatBoon(credits)} BOON in credits.` : undefined;
}

export function AmountField({
  form,
  formId,
  hint,
}: {
  form: SendForm;
  formId: string;
  hint: string | undefined;
}) {
  return (
    <FormField id={`${formId}-amount`} label="Amount (BOON)" error={form.errors.amount} hint={hint}>
      {(props) => (
        <input
          {...props}
          value={form.input.amount}
          onChange={(e) => form.set({ amount: e.target.value })}
          inputMode="decimal"
          placeholder="10"
          autoComplete="off"
        />
      )}
    </FormField>
  );
}
