import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Ponder's virtual modules: the handler test harness stands in for the registry.
    alias: {
      "ponder:registry": here("./test/harness/registry.ts"),
      "ponder:schema": here("./ponder.schema.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts", "lib/**/*.test.ts"],
    // The integration suites each run a chain, PostgreSQL and Ponder: on 2 cores, one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
