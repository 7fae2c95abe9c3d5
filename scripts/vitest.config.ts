import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["stand-ins/**/*.test.ts", "src/**/*.test.ts", "setup/**/*.test.ts"],
    // Several suites start real PostgreSQL servers: one file at a time on 2 cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
