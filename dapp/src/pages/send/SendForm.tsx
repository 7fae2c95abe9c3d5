import { useId } from "react";
import { useConnection } from "wagmi";
import { useCredits, useWalletBalance } from "../../app/data.ts";
import { useSession } from "../../app/session.ts";
import { AmountField, balanceHint } from "./AmountField.tsx";
import { BatchField } from "./BatchField.tsx";
import { DetailsFields, ExpiryField } from "./DetailsFields.tsx";
import { ModeSwitch } from "./ModeSwitch.tsx";
import { PayWithField } from "./PayWithField.tsx";
import { RecipientField } from "./RecipientField.tsx";
import { SubmitArea } from "./SubmitArea.tsx";
import type { SendForm as SendFormState } from "./use-send-form.ts";
import { useSendSubmit } from "./use-send-submit.ts";

/** The send form: one gift (address or claim link) or a CSV batch, paid by wallet or credits. */
export function SendForm({ form }: { form: SendFormState }) {
  const { address } = useConnection();
  const session = useSession();
  const balance = useWalletBalance(address);
  const credits = useCredits();
  const formId = useId();
  const onSubmit = useSendSubmit(form, address);
  const signedIn = Boolean(session.data);
  const single = form.mode === "single";
  return (
    <>
      <ModeSwitch mode={form.mode} onChange={form.setMode} />
      <form
        className="card form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-describedby={`${formId}-summary`}
      >
        {single ? (
          <>
            <RecipientField form={form} formId={formId} />
            <AmountField
              form={form}
              formId={formId}
              hint={balanceHint(form.payWith, balance.data, credits.data?.balance)}
            />
          </>
        ) : (
          <BatchField form={form} formId={formId} />
        )}
        <DetailsFields form={form} formId={formId} />
        {form.input.kind !== "address" || !single ? (
          <ExpiryField form={form} formId={formId} />
        ) : null}
        {single ? (
          <PayWithField
            payWith={form.payWith}
            onChange={form.setPayWith}
            address={address}
            signedIn={signedIn}
            credits={credits.data?.balance}
          />
        ) : null}
        <p
          id={`${formId}-summary`}
          className="field-error"
          role={form.errors.form ? "alert" : undefined}
        >
          {form.errors.form ?? ""}
        </p>
        <SubmitArea form={form} hasWallet={Boolean(address)} signedIn={signedIn} />
        <p className="muted small">
          BOON supports permits: you sign once instead of approving in a separate transaction.
        </p>
      </form>
    </>
  );
}
