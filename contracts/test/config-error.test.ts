import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, configErrorMessage } from "../src/config-error.ts";

describe("config-error.ts", () => {
  it("names the part and lists every problem, one per line", () => {
    const error = new ConfigError("the indexer", ["RPC_URL: Invalid URL", "CHAIN_ID: too small"]);
    assert.equal(
      error.message,
      "Cannot start the indexer:\n  - RPC_URL: Invalid URL\n  - CHAIN_ID: too small",
    );
    assert.deepEqual(error.problems, ["RPC_URL: Invalid URL", "CHAIN_ID: too small"]);
    assert.equal(error.part, "the indexer");
    assert.equal(configErrorMessage("Boon", ["x"]), "Cannot start Boon:\n  - x");
  });
});
