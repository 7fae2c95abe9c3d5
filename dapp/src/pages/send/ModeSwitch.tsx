import { Segmented } from "../../components/Segmented.tsx";
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
    <Segmented
      legend="How many gifts"
      options={[
        ["single", "One gift"],
        ["batch", "Many (CSV)"],
      ]}
      value={mode}
      onChange={onChange}
    />
  );
}
