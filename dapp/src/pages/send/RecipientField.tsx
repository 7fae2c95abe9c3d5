import { FormField } from "./FormField.tsx";
import type { FormErrors } from "./types.ts";
import type { SendForm } from "./use-send-form.ts";
import { XRecipientChoice, XRecipientField } from "./XRecipientField.tsx";

/** Who receives the gift: a wallet address (with its field) or a claim link. */
export function RecipientField({ form, formId }: { form: SendForm; formId: string }) {
  const { input, set, errors } = form;
  return (
    <>
      <fieldset className="choice">
        <legend>Send to</legend>
        <label className={input.kind === "address" ? "selected" : ""}>
          <input
            type="radio"
            name="kind"
            checked={input.kind === "address"}
            onChange={() => set({ kind: "address" })}
          />
          <span>
            <strong>A wallet address</strong>
            <small>Arrives at once</small>
          </span>
        </label>
        <label className={input.kind === "link" ? "selected" : ""}>
          <input
            type="radio"
            name="kind"
            checked={input.kind === "link"}
            onChange={() => set({ kind: "link" })}
          />
          <span>
            <strong>A claim link</strong>
            <small>Anyone you share it with can claim</small>
          </span>
        </label>
        <XRecipientChoice
          checked={input.kind === "x"}
          onSelect={() => set({ kind: "x", to: "" })}
        />
      </fieldset>
      {input.kind === "address" ? (
        <AddressField formId={formId} value={input.to} error={errors.to} onChange={set} />
      ) : null}
      {input.kind === "x" ? (
        <XRecipientField value={input.to} error={errors.to} onChange={set} />
      ) : null}
    </>
  );
}

function AddressField({
  formId,
  value,
  error,
  onChange,
}: {
  formId: string;
  value: string;
  error: FormErrors[string];
  onChange: (patch: { to: string }) => void;
}) {
  return (
    <FormField id={`${formId}-to`} label="Recipient address" error={error}>
      {(props) => (
        <input
          {...props}
          value={value}
          onChange={(e) => onChange({ to: e.target.value })}
          placeholder="0x…"
          autoComplete="off"
          spellCheck={false}
          className="mono"
        />
      )}
    </FormField>
  );
}
