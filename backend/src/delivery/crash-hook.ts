import type { CrashHook, CrashStep } from "./worker-context.ts";

/**
 * Test-only (config allows DELIVERY_TEST_CRASH_AT with NODE_ENV=test alone): `<step>[:<n>]` kills the
 * process with SIGKILL, no cleanup, the n-th time the worker reaches that step, so crash tests
 * exercise a real death.
 */
export function crashHook(spec: string | undefined): CrashHook | undefined {
  if (!spec) return undefined;
  const [step, count] = spec.split(":") as [CrashStep, string | undefined];
  let remaining = count === undefined ? 1 : Number(count);
  return (at) => {
    if (at !== step) return;
    remaining -= 1;
    if (remaining <= 0) process.kill(process.pid, "SIGKILL");
  };
}
