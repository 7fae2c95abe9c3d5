import { FormField } from "../../components/FormField.tsx";
import { ChoiceOption } from "./ChoiceOption.tsx";
import type { FormErrors } from "./types.ts";
import type { SendForm } from "./use-send-form.ts";
import { XRecipientField } from "./XRecipientField.tsx";

/** The "Send to" choices; choosing X also clears what was typed for another kind. */
const recipientKinds = [
  { patch: { kind: "address" }, title: "A wallet address", hint: "Arrives at once" },
  { patch: { kind: "link" }, title: "A claim link", hint: "Anyone you share it with can claim" },
  {
    patch: { kind: "x", to: "" },
    title: "An X account",
    hint: "An @handle or a post: its author claims with X",
  },
] as const;

/** Who receives the gift: a wallet address (with its field) or a claim link. */
export function RecipientField({ form, formId }: { form: SendForm; formId: string }) {
  const { input, set, errors } = form;
  return (
    <>
      <fieldset className="choice">
        <legend>Send to</legend>
        {recipientKinds.map(({ patch, title, hint }) => (
          <ChoiceOption
            key={patch.kind}
            name="kind"
            checked={input.kind === patch.kind}
            onSelect={() => set(patch)}
            title={title}
            hint={hint}
          />
        ))}
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
