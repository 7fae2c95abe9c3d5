// The small HTTP kit every stand-in is built on: one node:http server per stand-in, handlers that
// return a plain `Reply` (so the protocol logic stays pure and testable), and a clean stop.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StandInOptions, StandInServer } from "./stand-in.ts";

/** What a handler answers; `server.ts` of each stand-in turns it into the HTTP response. */
export type Reply = {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
};

/** The request as handlers see it: already read, parsed URL, lower-cased headers. */
export type StandInRequest = {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
};

export type ListenOptions = StandInOptions & {
  /** Named in the 500 answer and the log when a handler throws. */
  name: string;
};

const MAX_BODY_BYTES = 1_000_000;

/** Starts a node:http server that reads each request whole and sends the handler's Reply. */
export async function serve(
  options: ListenOptions,
  handle: (request: StandInRequest) => Reply | Promise<Reply>,
): Promise<StandInServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    void answer(req, res, handle).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      options.log?.(`${options.name} stand-in error`, { error: message });
      const status = error instanceof BodyTooLarge ? 413 : 500;
      if (!res.headersSent)
        send(res, json(status, { error: `${options.name} stand-in: ${message}` }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    host,
    port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (request: StandInRequest) => Reply | Promise<Reply>,
): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", "http://stand-in.local");
  send(res, await handle({ method: req.method ?? "GET", url, headers: req.headers, body }));
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const text =
    reply.body === undefined
      ? ""
      : typeof reply.body === "string"
        ? reply.body
        : JSON.stringify(reply.body);
  res.writeHead(reply.status, reply.headers);
  res.end(text);
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/json; charset=utf-8",
): Reply {
  return { status, body, headers: { "content-type": contentType, ...headers } };
}

export function html(status: number, page: string): Reply {
  return {
    status,
    body: page,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // Forms may post back here and redirect to the app's callback, on any local port.
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
    },
  };
}

export function redirect(location: string, status = 302): Reply {
  return { status, headers: { location } };
}

/** Percent-decoding that keeps malformed input as it came (so it is refused as a bad value, not a 500). */
export function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
