import type { ReactNode } from "react";

type FieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (props: {
    id: string;
    "aria-describedby": string;
    "aria-invalid": boolean;
  }) => ReactNode;
};

/** A labelled control with its hint or error below, wired for screen readers. */
export function FormField({ id, label, error, hint, children }: FieldProps) {
  const described = `${id}-note`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": described, "aria-invalid": Boolean(error) })}
      <p id={described} className={error ? "field-error" : "field-hint"}>
        {error ?? hint ?? ""}
      </p>
    </div>
  );
}
