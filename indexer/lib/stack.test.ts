import { describe, expect, it } from "vitest";
import { startIndexer } from "./stack.ts";

describe("startIndexer", () => {
  it.each([
    {
      refusal: "bad options before starting anything, naming each one",
      options: {
        databaseUrl: "mysql://localhost/boon",
        deploymentFile: "/nonexistent.json",
        schema: "Bad Schema",
        port: 0,
      },
      error:
        /^Cannot start the indexer:\n {2}- databaseUrl: .*\n {2}- schema: lower-case identifier.*\n {2}- port: /,
    },
    {
      refusal: "a missing deployments file",
      options: {
        databaseUrl: "postgres://localhost/boon",
        deploymentFile: "/nonexistent/31337.json",
        port: 4000,
      },
      error: "no deployments file at /nonexistent/31337.json: deploy the contracts first",
    },
  ])("refuses $refusal", async ({ options, error }) => {
    await expect(startIndexer({ ...options, rpcUrl: "http://127.0.0.1:8545" })).rejects.toThrow(
      error,
    );
  });
});
