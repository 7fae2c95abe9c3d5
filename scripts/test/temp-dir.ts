import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";

/**
 * Gives each test its own TMPDIR (open to other users, like /tmp), so what a test leaves behind in
 * the temporary folder can be counted exactly. Returns a getter for the current one.
 */
export function isolatedTmpdir(): () => string {
  const original = process.env.TMPDIR;
  let current = "";
  beforeEach(async () => {
    current = await mkdtemp(path.join(original ?? tmpdir(), "boon-scripts-test-"));
    await chmod(current, 0o755);
    process.env.TMPDIR = current;
  });
  afterEach(async () => {
    if (original === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = original;
    await rm(current, { recursive: true, force: true });
  });
  return () => current;
}
