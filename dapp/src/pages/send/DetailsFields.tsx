import { FormField } from "../../components/FormField.tsx";
import { MESSAGE_MAX } from "../../lib/gift-form.ts";
import type { SendForm } from "./use-send-form.ts";

/** The optional message and X post every gift can carry. */
export function DetailsFields({ form, formId }: { form: SendForm; formId: string }) {
  const { input, set, errors } = form;
  return (
    <>
      <FormField
        id={`${formId}-message`}
        label="Message (optional)"
        error={errors.message}
        hint={`${input.message.length}/${MESSAGE_MAX}`}
      >
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={input.message}
            onChange={(e) => set({ message: e.target.value })}
            maxLength={MESSAGE_MAX + 20}
          />
        )}
      </FormField>
      <FormField
        id={`${formId}-post`}
        label="X post it answers (optional)"
        error={errors.postUrl}
        hint="Paste the post's link; it is recorded with the gift."
      >
        {(props) => (
          <input
            {...props}
            value={input.postUrl}
            onChange={(e) => set({ postUrl: e.target.value })}
            placeholder="https://x.com/name/status/…"
            inputMode="url"
            autoComplete="off"
          />
        )}
      </FormField>
    </>
  );
}

/** How long a link gift stays claimable, within the vault's bounds. */
export function ExpiryField({ form, formId }: { form: SendForm; formId: string }) {
  return (
    <FormField
      id={`${formId}-expiry`}
      label="Claimable for"
      hint="Unclaimed gifts can be refunded to you after this."
    >
      {(props) => (
        <select
          {...props}
          value={form.expiryDays}
          onChange={(e) => form.set({ expiryDays: Number(e.target.value) })}
        >
          {form.choices.map((days) => (
            <option key={days} value={days}>
              {days === 1 ? "1 day" : `${days} days`}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
