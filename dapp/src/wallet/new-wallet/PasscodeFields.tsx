import { MIN_PASSCODE_LENGTH } from "./vault.ts";

export type Passcodes = { passcode: string; repeat: string };

/** A new passcode, typed twice (password managers may offer to remember it). */
export function PasscodeFields({
  value,
  onChange,
  error,
}: {
  value: Passcodes;
  onChange: (value: Passcodes) => void;
  error: string | null;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor="new-passcode">Passcode</label>
        <input
          id="new-passcode"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSCODE_LENGTH}
          value={value.passcode}
          aria-describedby="new-passcode-hint"
          onChange={(e) => onChange({ ...value, passcode: e.target.value })}
        />
        <p id="new-passcode-hint" className="field-hint">
          At least {MIN_PASSCODE_LENGTH} characters. It unlocks the wallet on this device and locks
          the keystore file.
        </p>
      </div>
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor="repeat-passcode">Passcode again</label>
        <input
          id="repeat-passcode"
          type="password"
          autoComplete="new-password"
          value={value.repeat}
          aria-invalid={Boolean(error)}
          aria-describedby="repeat-passcode-note"
          onChange={(e) => onChange({ ...value, repeat: e.target.value })}
        />
        <p id="repeat-passcode-note" className="field-error" role="alert">
          {error ?? ""}
        </p>
      </div>
    </>
  );
}
