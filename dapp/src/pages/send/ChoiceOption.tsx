import type { ReactNode } from "react";

type Props = {
  /** The radio group (the `name` the options of one fieldset share). */
  name: string;
  checked: boolean;
  onSelect: () => void;
  title: ReactNode;
  hint: ReactNode;
};

/**
 * One option of a `.choice` fieldset: a radio named by its title, with a line under it. The claim
 * page's DestinationPicker keeps its own: shared, this would be one more chunk every page preloads.
 */
export function ChoiceOption({ name, checked, onSelect, title, hint }: Props) {
  return (
    <label className={checked ? "selected" : ""}>
      <input type="radio" name={name} checked={checked} onChange={onSelect} />
      <span>
        <strong>{title}</strong>
        <small>{hint}</small>
      </span>
    </label>
  );
}
