import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedTmpdir } from "../../test/temp-dir.ts";
import { blockedFolder } from "./postgres-account.ts";

const tmp = isolatedTmpdir();
// Someone who owns nothing here and shares no group with it.
const stranger = { name: "stranger", uid: 4_000_000, gid: 4_000_000 };

describe("which folder keeps the server's user out", () => {
  it("names the first folder on the way that others may not enter", async () => {
    const closed = path.join(tmp(), "closed");
    await mkdir(path.join(closed, "inner/deeper"), { recursive: true });
    await chmod(closed, 0o700);
    expect(await blockedFolder(path.join(closed, "inner/deeper/file"), stranger)).toBe(closed);
  });

  it("lets the owner through a folder closed to others, and anyone through an open one", async () => {
    const closed = path.join(tmp(), "closed");
    await mkdir(closed);
    await chmod(closed, 0o700);
    const owner = { name: "me", uid: process.getuid?.() ?? 0, gid: 4_000_001 };
    expect(await blockedFolder(path.join(closed, "x"), owner)).toBeUndefined();
    const open = path.join(tmp(), "open");
    await mkdir(open, { mode: 0o755 });
    expect(await blockedFolder(path.join(open, "not-yet-created/x"), stranger)).toBeUndefined();
  });

  it("counts the group's permission for a member of the folder's group", async () => {
    const shared = path.join(tmp(), "shared");
    await mkdir(shared);
    await chmod(shared, 0o710);
    const member = { name: "member", uid: 4_000_002, gid: process.getgid?.() ?? 0 };
    expect(await blockedFolder(path.join(shared, "x"), member)).toBeUndefined();
    expect(await blockedFolder(path.join(shared, "x"), stranger)).toBe(shared);
  });
});
