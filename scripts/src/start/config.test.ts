import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort } from "../stack/ports.ts";
import { busyPorts, chosenPorts, PORTS, parseStartConfig } from "./config.ts";

const at = { repoRoot: "/repo", prod: false };

describe("npm start's configuration", () => {
  it("has a working default for every port", () => {
    const { config } = parseStartConfig({}, at);
    expect(config).toMatchObject({
      CHAIN_PORT: 8545,
      INDEXER_PORT: 42069,
      BACKEND_PORT: 4000,
      DAPP_PORT: 5173,
      STRIPE_LOCAL_PORT: 4010,
      logDir: "/repo/.data/logs",
    });
    expect(config && chosenPorts(config).map(([name]) => name)).toEqual([
      "CHAIN_PORT",
      "INDEXER_PORT",
      "BACKEND_PORT",
      "DAPP_PORT",
      "STRIPE_LOCAL_PORT",
    ]);
  });

  it("takes every port from the environment, an empty value meaning the default", () => {
    const env = { CHAIN_PORT: "9545", INDEXER_PORT: "", POSTGRES_PORT: "6543", DAPP_PORT: " " };
    const { config } = parseStartConfig(env, at);
    expect(config).toMatchObject({ CHAIN_PORT: 9545, INDEXER_PORT: 42069, DAPP_PORT: 5173 });
    expect(config && chosenPorts(config)).toContainEqual(["POSTGRES_PORT", 6543]);
    expect(Object.keys(PORTS)).toEqual(expect.arrayContaining(Object.keys(env)));
  });

  it("lists every bad value at once, by name", () => {
    const { config, problems } = parseStartConfig(
      { CHAIN_PORT: "abc", BACKEND_PORT: "70000", DAPP_PORT: "0", STRIPE_LOCAL_PORT: "4.5" },
      at,
    );
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      "CHAIN_PORT=abc: must be a whole number from 1 to 65535",
      "BACKEND_PORT=70000: must be a whole number from 1 to 65535",
      "DAPP_PORT=0: must be a whole number from 1 to 65535",
      "STRIPE_LOCAL_PORT=4.5: must be a whole number from 1 to 65535",
    ]);
  });

  it("refuses two parts on one port (a second stack that moved only some ports)", () => {
    const { problems } = parseStartConfig({ BACKEND_PORT: "4010" }, at);
    expect(problems).toEqual([
      "BACKEND_PORT and STRIPE_LOCAL_PORT are all 4010: each part needs its own port",
    ]);
  });

  it("names a port something else already listens on, and how to move", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      const { config } = parseStartConfig({ STRIPE_LOCAL_PORT: String(port) }, at);
      const problems = await busyPorts(config as NonNullable<typeof config>);
      expect(problems.filter((p) => p.startsWith("STRIPE_LOCAL_PORT"))).toEqual([
        `STRIPE_LOCAL_PORT=${port}: the port is in use (the local Stripe stand-in (API and checkout pages)); another Boon stack? Stop it, or set STRIPE_LOCAL_PORT to a free port`,
      ]);
    } finally {
      server.close();
    }
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's", () => {
    const { problems } = parseStartConfig({ DATABASE_URL: "mysql://x@y/z" }, at);
    expect(problems).toEqual(["DATABASE_URL=mysql://x@y/z: must be a postgres:// URL"]);
  });
});
