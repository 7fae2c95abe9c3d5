// Refusals a test asks for: the next N messages are answered with an SMTP error at a chosen
// stage, so the sender's error paths (a 4xx "try later", a 5xx "rejected") run against a real
// server. Reply codes as RFC 5321 §4.2 defines them (the server adds RFC 3463's enhanced codes).

/** Where a message is refused: the connection greeting, MAIL FROM, RCPT TO, or after DATA. */
export type RefusalStage = "connect" | "mail" | "rcpt" | "data";

export type Refusal = {
  /** Default "data" (the whole message was sent, then refused). */
  at?: RefusalStage;
  /** An SMTP reply code, 400-599. Default 451 (421 at "connect"): a transient failure. */
  code?: number;
  message?: string;
};

type Pending = { at: RefusalStage; code: number; message: string };

const DEFAULT_REPLY: Record<RefusalStage, { code: number; message: string }> = {
  connect: { code: 421, message: "Service not available, closing transmission channel" },
  mail: { code: 451, message: "Requested action aborted: local error in processing" },
  rcpt: { code: 451, message: "Requested action aborted: local error in processing" },
  data: { code: 451, message: "Requested action aborted: local error in processing" },
};

const STAGES = Object.keys(DEFAULT_REPLY) as RefusalStage[];

export type RefusalQueue = ReturnType<typeof createRefusals>;

export function createRefusals() {
  const queue: Pending[] = [];
  return {
    add(count: number, refusal: Refusal = {}): void {
      if (!Number.isInteger(count) || count < 1)
        throw new Error(`local SMTP: refuse a positive whole number of messages, got ${count}`);
      const at = refusal.at ?? "data";
      if (!STAGES.includes(at))
        throw new Error(`local SMTP: refusal stage must be one of ${STAGES.join(", ")}`);
      const code = refusal.code ?? DEFAULT_REPLY[at].code;
      if (!Number.isInteger(code) || code < 400 || code > 599)
        throw new Error(`local SMTP: a refusal needs a 4xx or 5xx reply code, got ${code}`);
      const message = refusal.message ?? DEFAULT_REPLY[at].message;
      for (let i = 0; i < count; i++) queue.push({ at, code, message });
    },
    /** Takes the next refusal if it is due at this stage; the error to answer with. */
    take(stage: RefusalStage): (Error & { responseCode: number }) | undefined {
      if (queue[0]?.at !== stage) return undefined;
      const next = queue.shift() as Pending;
      return Object.assign(new Error(next.message), { responseCode: next.code });
    },
    pending: () => queue.length,
    clear: () => {
      queue.length = 0;
    },
  };
}
