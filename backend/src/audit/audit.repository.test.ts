import { useTestDatabase } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";
import { type AuditEntry, listAudit, recordAudit } from "./audit.repository.ts";

const db = useTestDatabase();

/** Records an audit entry no user acted for, on the subject (its type and id). */
const record = (
  action: string,
  subject: [type: string, id: string],
  more: Pick<AuditEntry, "details" | "requestId"> = {},
) =>
  recordAudit(db.pool, {
    actorUserId: null,
    action,
    subjectType: subject[0],
    subjectId: subject[1],
    ...more,
  });

describe("audit log", () => {
  it("records entries with details (bigints as strings) and reads them back in order", async () => {
    await record("ledger.journal_posted", ["journal", "j-1"], {
      details: { amount: 10n ** 30n },
      requestId: "req-1",
    });
    await record("second", ["journal", "j-1"]);
    const rows = await listAudit(db.pool, "journal", "j-1");
    expect(rows.map((r) => r.action)).toEqual(["ledger.journal_posted", "second"]);
    expect(rows[0]?.details).toEqual({ amount: "1000000000000000000000000000000" });
    expect(rows[0]?.requestId).toBe("req-1");
  });

  it("is append-only: updates, deletes and truncation are refused by the database", async () => {
    await record("keep", ["t", "1"]);
    await expect(db.pool.query("UPDATE audit_log SET action = 'changed'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    expect((await listAudit(db.pool, "t", "1")).map((r) => r.action)).toEqual(["keep"]);
  });
});
