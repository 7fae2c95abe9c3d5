// Why a notification could not go, and whether trying again can help. RFC 5321 §4.2.1: a 4xx reply
// is transient (the same message may be accepted later), a 5xx reply is permanent.

export type SendFailure = { permanent: boolean; reason: string };

/** The notification's compose threw: the event or the data it reads is not what it expects. */
export class ComposeError extends Error {
  override readonly name = "ComposeError";
  constructor(cause: unknown) {
    super(`could not compose: ${messageOf(cause)}`, { cause });
  }
}

/** Nodemailer refused the message itself (no valid recipient, a malformed message): it cannot go. */
const PERMANENT_CODES = new Set(["EENVELOPE", "EMESSAGE"]);

/**
 * Permanent: an SMTP 5xx, a message nodemailer refuses, a compose error. Transient: an SMTP 4xx
 * and everything else (connection refused, timeouts, DNS): the attempt cap bounds those.
 */
export function classifySendFailure(error: unknown): SendFailure {
  const reason = messageOf(error).slice(0, 1_000);
  if (error instanceof ComposeError) return { permanent: true, reason };
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === "number" && responseCode >= 400 && responseCode < 600)
    return { permanent: responseCode >= 500, reason };
  return { permanent: typeof code === "string" && PERMANENT_CODES.has(code), reason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
