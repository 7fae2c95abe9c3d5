import type { ReactNode } from "react";

/** What went wrong with a whole form, announced as it appears; nothing while all is well. */
export function FormAlert({ children }: { children: ReactNode }) {
  return children ? (
    <p role="alert" className="field-error">
      {children}
    </p>
  ) : null;
}
