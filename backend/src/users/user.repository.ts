import type { Role } from "../auth/roles.ts";
import type { Queryable } from "../db/pool.ts";

export type User = { id: string; email: string | null; role: Role; createdAt: Date };
export type Wallet = { address: string; linkedAt: Date };
export type UserProfile = User & { wallets: Wallet[] };

const USER_COLUMNS = `id, email, role, created_at AS "createdAt"`;

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0];
}

export async function listWallets(db: Queryable, userId: string): Promise<Wallet[]> {
  const { rows } = await db.query<Wallet>(
    `SELECT address, created_at AS "linkedAt" FROM wallets WHERE user_id = $1 ORDER BY created_at, address`,
    [userId],
  );
  return rows;
}

export async function findProfile(db: Queryable, id: string): Promise<UserProfile | undefined> {
  const user = await findUserById(db, id);
  return user && { ...user, wallets: await listWallets(db, id) };
}

/** The user with this (lower-cased) email, created if new. Atomic under concurrent sign-ins. */
export async function upsertUserByEmail(
  db: Queryable,
  email: string,
): Promise<User & { created: boolean }> {
  const { rows } = await db.query<User & { created: boolean }>(
    `INSERT INTO users (email) VALUES ($1)
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
     RETURNING ${USER_COLUMNS}, (xmax = 0) AS created`,
    [email],
  );
  return rows[0] as User & { created: boolean };
}

/** The user owning this wallet, created with it if new. Call inside a transaction. */
export async function findOrCreateUserByWallet(
  db: Queryable,
  address: string,
): Promise<User & { created: boolean }> {
  // Serializes first sign-ins of the same new wallet so exactly one user is created for it.
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('wallet:' || $1, 0))", [address]);
  const { rows } = await db.query<User>(
    `SELECT u.id, u.email, u.role, u.created_at AS "createdAt"
       FROM wallets w JOIN users u ON u.id = w.user_id WHERE w.address = $1`,
    [address],
  );
  if (rows[0]) return { ...rows[0], created: false };
  const created = await db.query<User>(
    `INSERT INTO users DEFAULT VALUES RETURNING ${USER_COLUMNS}`,
  );
  const user = created.rows[0] as User;
  await db.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2)", [address, user.id]);
  return { ...user, created: true };
}

/** Whether `address` (EIP-55) is a wallet linked to this user. */
export async function isWalletOf(db: Queryable, userId: string, address: string): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM wallets WHERE address = $1 AND user_id = $2", [
    address,
    userId,
  ]);
  return rows.length > 0;
}

export type LinkOutcome = "linked" | "already_linked" | "owned_by_other_user";

/** Links a wallet to a user unless another user already owns it. Call inside a transaction. */
export async function linkWallet(
  db: Queryable,
  userId: string,
  address: string,
): Promise<LinkOutcome> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('wallet:' || $1, 0))", [address]);
  const { rows } = await db.query<{ user_id: string }>(
    "SELECT user_id FROM wallets WHERE address = $1",
    [address],
  );
  const owner = rows[0]?.user_id;
  if (owner === userId) return "already_linked";
  if (owner !== undefined) return "owned_by_other_user";
  await db.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2)", [address, userId]);
  return "linked";
}

/** Sets a user's role; returns the previous role, or undefined if there is no such user. */
export async function setUserRole(
  db: Queryable,
  userId: string,
  role: Role,
): Promise<Role | undefined> {
  const { rows } = await db.query<{ previous: Role }>(
    `UPDATE users u SET role = $2 FROM (SELECT id, role FROM users WHERE id = $1 FOR UPDATE) old
      WHERE u.id = old.id RETURNING old.role AS previous`,
    [userId, role],
  );
  return rows[0]?.previous;
}
