import { type FormEvent, useId } from "react";
import { useCredits, useWalletBalance } from "../../app/data.ts";
import { formatBoon } from "../../lib/amount.ts";
import { AmountField, balanceHint } from "./AmountField.tsx";
import { BatchField } from "./BatchField.tsx";
import { DetailsFields, ExpiryField } from "./DetailsFields.tsx";
import { ModeSwitch } from "./ModeSwitch.tsx";
import { PayWithField } from "./PayWithField.tsx";
import { RecipientField } from "./RecipientField.tsx";
import { SubmitArea } from "./SubmitArea.tsx";
import type { SendForm as SendFormState } from "./use-send-form.ts";
import { useSendSubmit } from "./use-send-submit.ts";

/** The form's error, with the fix it names as a button (e.g. approve the vault, then send). */
function FormSummary({
  id,
  form,
  onFix,
}: {
  id: string;
  form: SendFormState;
  onFix: (event: FormEvent) => void;
}) {
  return (
    <div id={id} role={form.errors.form ? "alert" : undefined}>
      <p className="field-error">{form.errors.form ?? ""}</p>
      {form.fix && form.errors.form ? (
        <button type="button" className="button primary" disabled={form.busy} onClick={onFix}>
          Approve {formatBoon(form.fix.amount)} BOON and send
        </button>
      ) : null}
    </div>
  );
}

/** The send form: one gift (address or claim link) or a CSV batch, paid by wallet or credits. */
export function SendForm({ form }: { form: SendFormState }) {
  const { address, signedIn } = form;
  const balance = useWalletBalance(address);
  const credits = useCredits();
  const formId = useId();
  const { onSubmit, applyFix } = useSendSubmit(form, address);
  const single = form.mode === "single";
  const creditsNote = credits.isError ? "Your credits cannot be loaded right now." : undefined;
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
              hint={
                balanceHint(form.payWith, balance.data, credits.data?.balance) ??
                (form.payWith === "credits" ? creditsNote : undefined)
              }
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
        <FormSummary id={`${formId}-summary`} form={form} onFix={(e) => void applyFix(e)} />
        <SubmitArea form={form} hasWallet={Boolean(address)} signedIn={signedIn} />
      </form>
    </>
  );
}
