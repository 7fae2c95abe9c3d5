// The stand-in's inbox: every message the SMTP side accepted, newest first, bounded, in memory,
// with waiters that tests (and the HTTP side) use to wait for a message that has not arrived yet.
import { copyMail, type ReceivedMail } from "./message.ts";

export type MailFilter = {
  /** A recipient: matches the envelope's RCPT TO addresses (Bcc included), case-insensitively. */
  to?: string;
  /** Only messages received after the one with this id. */
  after?: string;
  match?: (mail: ReceivedMail) => boolean;
};

export type WaitOptions = MailFilter & {
  /** Default 5000. */
  timeoutMs?: number;
};

type Stored = { mail: ReceivedMail; raw: Buffer };
type Waiter = {
  filter: MailFilter;
  resolve: (mail: ReceivedMail) => void;
  reject: (error: Error) => void;
};

export type Inbox = ReturnType<typeof createInbox>;

function matches(mail: ReceivedMail, filter: MailFilter): boolean {
  if (filter.to !== undefined && !mail.envelope.to.includes(filter.to.trim().toLowerCase()))
    return false;
  if (filter.after !== undefined && Number(mail.id) <= Number(filter.after)) return false;
  return filter.match === undefined || filter.match(copyMail(mail));
}

function describe(filter: MailFilter): string {
  const parts = [
    filter.to === undefined ? "" : `to ${filter.to}`,
    filter.after === undefined ? "" : `after message ${filter.after}`,
    filter.match === undefined ? "" : "matching the predicate",
  ].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(", ")}` : "";
}

/** Names what was awaited and what did arrive, so a failing test says why. */
function timeoutError(filter: MailFilter, timeoutMs: number, stored: Stored[]): Error {
  const seen =
    stored.length === 0
      ? "none"
      : `${stored.length}, newest first: ${stored
          .slice(0, 5)
          .map((s) => `${s.mail.id} to ${s.mail.envelope.to.join(", ")} "${s.mail.subject}"`)
          .join("; ")}`;
  return new Error(
    `local SMTP: no message${describe(filter)} within ${timeoutMs} ms (messages: ${seen})`,
  );
}

export function createInbox(maxMessages: number) {
  if (!Number.isInteger(maxMessages) || maxMessages < 1)
    throw new Error(`local SMTP: maxMessages must be a positive integer, got ${maxMessages}`);
  const stored: Stored[] = []; // newest first
  let waiters: Waiter[] = [];
  let nextId = 1;
  let stopped = false;

  return {
    nextId: () => String(nextId++),
    add(mail: ReceivedMail, raw: Buffer): void {
      stored.unshift({ mail, raw });
      stored.length = Math.min(stored.length, maxMessages);
      const [due, waiting] = partition(waiters, (w) => matches(mail, w.filter));
      waiters = waiting;
      for (const waiter of due) waiter.resolve(copyMail(mail));
    },
    /** Newest first. */
    list(filter: MailFilter = {}): ReceivedMail[] {
      return stored.filter((s) => matches(s.mail, filter)).map((s) => copyMail(s.mail));
    },
    get(id: string): ReceivedMail | undefined {
      const found = stored.find((s) => s.mail.id === id);
      return found && copyMail(found.mail);
    },
    raw(id: string): Buffer | undefined {
      return stored.find((s) => s.mail.id === id)?.raw;
    },
    clear(): number {
      const count = stored.length;
      stored.length = 0;
      return count;
    },
    /** The newest message already here that matches, or the first one to arrive. */
    wait(options: WaitOptions = {}): Promise<ReceivedMail> {
      const { timeoutMs = 5_000, ...filter } = options;
      const present = stored.find((s) => matches(s.mail, filter));
      if (present) return Promise.resolve(copyMail(present.mail));
      if (stopped) return Promise.reject(new Error("local SMTP: stopped"));
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter: Waiter = {
          filter,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(timeoutError(filter, timeoutMs, stored));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    /** Fails every pending wait (the stand-in is stopping). */
    stop(): void {
      stopped = true;
      for (const waiter of waiters) waiter.reject(new Error("local SMTP: stopped"));
      waiters = [];
    },
  };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
