import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";

export type RunningServer = {
  server: Server;
  port: number;
  close: (graceMs?: number) => Promise<void>;
};

/** Listens on `port` (0 = any free port) and returns a close that drains connections gracefully. */
export async function listen(app: Express, port: number, host = "0.0.0.0"): Promise<RunningServer> {
  const server = createServer(app);
  // Keep-alive longer than typical proxies' idle timeouts so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        // Stop accepting, let in-flight requests finish, then cut whatever is left.
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close((error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
