import type { ReactNode } from "react";

type FieldProps = {
  id: string;
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  /**
   * The note only ever holds an error (styled so even while empty); "alert" also makes it a live
   * region, so screen readers hear the error the moment it shows.
   */
  errorNote?: "plain" | "alert" | undefined;
  children: (props: {
    id: string;
    "aria-describedby": string;
    "aria-invalid": boolean;
  }) => ReactNode;
};

/** A labelled control with its hint or error below, wired for screen readers. */
export function FormField({ id, label, error, hint, errorNote, children }: FieldProps) {
  const described = `${id}-note`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": described, "aria-invalid": Boolean(error) })}
      <p
        id={described}
        className={error || errorNote ? "field-error" : "field-hint"}
        role={errorNote === "alert" ? "alert" : undefined}
      >
        {error ?? hint ?? ""}
      </p>
    </div>
  );
}
