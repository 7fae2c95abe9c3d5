import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useServices } from "../../app/services.tsx";
import { useSession } from "../../app/session.ts";
import { parseRecipient, type Recipient, resolveRecipient } from "../../lib/recipient.ts";

/** Waits for typing to pause before looking a handle up (X's lookups are rate-limited). */
function useSettled(value: string, delayMs = 400): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * Who the X recipient typed into the form is: parsed at once, then resolved by Boon (signed-in
 * users only: the lookup goes through X under Boon's app) once typing pauses.
 */
export function useXRecipient(text: string) {
  const { backend } = useServices();
  const session = useSession();
  const settled = useSettled(text.trim());
  const parsed = parseRecipient(settled);
  const named: Extract<Recipient, { kind: "x" }> | null =
    parsed.ok && parsed.recipient.kind === "x" ? parsed.recipient : null;
  const resolved = useQuery({
    queryKey: ["x-resolve", named?.query],
    queryFn: () => resolveRecipient(backend, named as NonNullable<typeof named>),
    enabled: Boolean(named && session.data),
    staleTime: 60_000,
  });
  return {
    typing: settled !== text.trim(),
    parsed,
    named,
    signedIn: Boolean(session.data),
    sessionPending: session.isPending,
    resolved,
  };
}
