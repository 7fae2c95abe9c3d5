import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["stand-ins/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
