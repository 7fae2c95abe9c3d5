import type { ReactNode, Ref } from "react";
import { FormField } from "../../components/FormField.tsx";

type Props = {
  id: string;
  label: string;
  autoComplete: "new-password" | "current-password" | "off";
  value: string;
  onChange: (value: string) => void;
  /** A field with a hint shows it below; one without announces its errors there. */
  hint?: ReactNode;
  error?: string | null;
  minLength?: number;
  inputRef?: Ref<HTMLInputElement>;
};

/** A passcode or password, typed hidden. */
export function PasswordField({
  value,
  onChange,
  autoComplete,
  minLength,
  inputRef,
  ...field
}: Props) {
  return (
    <FormField {...field} errorNote={field.hint === undefined ? "alert" : undefined}>
      {(props) => (
        <input
          {...props}
          ref={inputRef}
          type="password"
          autoComplete={autoComplete}
          minLength={minLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
