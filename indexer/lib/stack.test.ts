import { describe, expect, it } from "vitest";
import { startIndexer } from "./stack.ts";

describe("startIndexer", () => {
  it("rejects bad options before starting anything, naming each one", async () => {
    await expect(
      startIndexer({
        databaseUrl: "mysql://localhost/boon",
        rpcUrl: "http://127.0.0.1:8545",
        deploymentFile: "/nonexistent.json",
        schema: "Bad Schema",
        port: 0,
      }),
    ).rejects.toThrow(
      /^Cannot start the indexer:\n {2}- databaseUrl: .*\n {2}- schema: lower-case identifier.*\n {2}- port: /,
    );
  });

  it("says when the deployments file is missing", async () => {
    await expect(
      startIndexer({
        databaseUrl: "postgres://localhost/boon",
        rpcUrl: "http://127.0.0.1:8545",
        deploymentFile: "/nonexistent/31337.json",
        port: 4000,
      }),
    ).rejects.toThrow("no deployments file at /nonexistent/31337.json: deploy the contracts first");
  });
});
