import { useTestDatabase } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";
import { listAudit, recordAudit } from "./audit.repository.ts";

const db = useTestDatabase();
describe("audit log", () => {
  it("records entries with details (bigints as strings) and reads them back in order", async () => {
    await recordAudit(db.pool, {
      actorUserId: null,
      action: "ledger.journal_posted",
      subjectType: "journal",
      subjectId: "j-1",
      details: { amount: 10n ** 30n },
      requestId: "req-1",
    });
    await recordAudit(db.pool, {
      actorUserId: null,
      action: "second",
      subjectType: "journal",
      subjectId: "j-1",
    });
    const rows = await listAudit(db.pool, "journal", "j-1");
    expect(rows.map((r) => r.action)).toEqual(["ledger.journal_posted", "second"]);
    expect(rows[0]?.details).toEqual({ amount: "1000000000000000000000000000000" });
    expect(rows[0]?.requestId).toBe("req-1");
  });

  it("is append-only: updates, deletes and truncation are refused by the database", async () => {
    await recordAudit(db.pool, {
      actorUserId: null,
      action: "keep",
      subjectType: "t",
      subjectId: "1",
    });
    await expect(db.pool.query("UPDATE audit_log SET action = 'changed'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    expect((await listAudit(db.pool, "t", "1")).map((r) => r.action)).toEqual(["keep"]);
  });
});
