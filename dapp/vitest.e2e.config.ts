import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 300_000,
    // A stack start may take up to E2E_STACK_START_MS (10 min by default, e2e/stack.ts).
    hookTimeout: 660_000,
    fileParallelism: false,
  },
});
