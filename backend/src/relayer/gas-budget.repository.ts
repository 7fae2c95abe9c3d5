import type { Queryable } from "../db/pool.ts";

export type BudgetDay = { day: string; budgetWei: bigint; reservedWei: bigint; spentWei: bigint };

const TODAY = "(now() AT TIME ZONE 'utc')::date";

type Row = { day: string; budget_wei: string; reserved_wei: string; spent_wei: string };
const toDay = (row: Row): BudgetDay => ({
  day: row.day,
  budgetWei: BigInt(row.budget_wei),
  reservedWei: BigInt(row.reserved_wei),
  spentWei: BigInt(row.spent_wei),
});
const COLUMNS =
  "day::text AS day, budget_wei::text AS budget_wei, reserved_wei::text AS reserved_wei, spent_wei::text AS spent_wei";

/**
 * Today's (UTC) budget row, created with the configured budget if missing, locked FOR UPDATE for
 * the rest of the transaction: every relayed claim is queued under this lock, so reservations,
 * per-user/IP counts and per-gift checks never race. The configured budget applies at once.
 */
export async function lockToday(db: Queryable, budgetWei: bigint): Promise<BudgetDay> {
  await db.query(
    `INSERT INTO relay_gas_budget (day, budget_wei) VALUES (${TODAY}, $1) ON CONFLICT (day) DO NOTHING`,
    [budgetWei.toString()],
  );
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM relay_gas_budget WHERE day = ${TODAY} FOR UPDATE`,
  );
  const row = toDay(rows[0] as Row);
  if (row.budgetWei === budgetWei) return row;
  await db.query("UPDATE relay_gas_budget SET budget_wei = $2, updated_at = now() WHERE day = $1", [
    row.day,
    budgetWei.toString(),
  ]);
  return { ...row, budgetWei };
}

export async function addReservation(db: Queryable, day: string, wei: bigint): Promise<void> {
  await db.query(
    "UPDATE relay_gas_budget SET reserved_wei = reserved_wei + $2, updated_at = now() WHERE day = $1",
    [day, wei.toString()],
  );
}

/** A claim is final: its reservation becomes what it really cost (zero if never mined). */
export async function settleReservation(
  db: Queryable,
  day: string,
  reservedWei: bigint,
  spentWei: bigint,
): Promise<void> {
  await db.query(
    `UPDATE relay_gas_budget SET reserved_wei = reserved_wei - $2, spent_wei = spent_wei + $3,
       updated_at = now() WHERE day = $1`,
    [day, reservedWei.toString(), spentWei.toString()],
  );
}

/** Today's row as it is (no lock), or undefined before the day's first claim. */
export async function readToday(db: Queryable): Promise<BudgetDay | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM relay_gas_budget WHERE day = ${TODAY}`,
  );
  return rows[0] ? toDay(rows[0]) : undefined;
}
