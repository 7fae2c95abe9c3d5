import { useTestDatabase } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit.repository.ts";
import { grantRoleByEmail } from "./role.service.ts";

const db = useTestDatabase();
describe("grantRoleByEmail (operator bootstrap)", () => {
  it("creates the account if needed, sets the role and audits it without an actor", async () => {
    const first = await grantRoleByEmail(db.pool, "ops@example.com", "admin");
    expect(first.previous).toBe("user");
    const { rows } = await db.pool.query("SELECT email, role FROM users WHERE id = $1", [
      first.userId,
    ]);
    expect(rows[0]).toEqual({ email: "ops@example.com", role: "admin" });
    const again = await grantRoleByEmail(db.pool, "ops@example.com", "analyst");
    expect(again).toEqual({ userId: first.userId, previous: "admin" });
    const audit = await listAudit(db.pool, "user", first.userId);
    expect(audit.map((a) => [a.actorUserId, a.details])).toEqual([
      [null, { from: "user", to: "admin", via: "cli" }],
      [null, { from: "admin", to: "analyst", via: "cli" }],
    ]);
  });
});
