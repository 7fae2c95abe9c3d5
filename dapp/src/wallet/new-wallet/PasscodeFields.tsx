import { PasswordField } from "./PasswordField.tsx";
import { MIN_PASSCODE_LENGTH } from "./vault.ts";

export type Passcodes = { passcode: string; repeat: string };

type Props = {
  value: Passcodes;
  onChange: (value: Passcodes) => void;
  error: string | null;
};

/** A new passcode, typed twice (password managers may offer to remember it). */
export function PasscodeFields({ value, onChange, error }: Props) {
  const bind = (key: keyof Passcodes) => ({
    value: value[key],
    onChange: (typed: string) => onChange({ ...value, [key]: typed }),
  });
  return (
    <>
      <PasswordField
        id="new-passcode"
        label="Passcode"
        autoComplete="new-password"
        minLength={MIN_PASSCODE_LENGTH}
        hint={`At least ${MIN_PASSCODE_LENGTH} characters. It unlocks the wallet on this device and locks the keystore file.`}
        {...bind("passcode")}
      />
      <PasswordField
        id="repeat-passcode"
        label="Passcode again"
        autoComplete="new-password"
        error={error}
        {...bind("repeat")}
      />
    </>
  );
}
