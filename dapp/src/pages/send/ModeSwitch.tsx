import type { SendMode } from "./types.ts";

/** One gift, or many from a CSV list. */
export function ModeSwitch({
  mode,
  onChange,
}: {
  mode: SendMode;
  onChange: (m: SendMode) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">How many gifts</legend>
      {(["single", "batch"] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={mode === m}
          className={mode === m ? "active" : ""}
          onClick={() => onChange(m)}
        >
          {m === "single" ? "One gift" : "Many (CSV)"}
        </button>
      ))}
    </fieldset>
  );
}
