import { parseArgs } from "node:util";
import { z } from "zod";
import { ROLES } from "../auth/roles.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createPool } from "../db/pool.ts";
import { emailSchema } from "../http/schemas.ts";
import { grantRoleByEmail } from "./role.service.ts";

// Usage: npm run grant-role -w backend -- --email ops@example.com --role admin
const argsSchema = z.object({ email: emailSchema, role: z.enum(ROLES) });

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" } },
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    process.stderr.write(
      `usage: grant-role --email <address> --role <${ROLES.join("|")}>\n${args.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}\n`,
    );
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl, (message) =>
    process.stderr.write(`${message}\n`),
  );
  const pool = createPool(db.url, { max: 2 });
  try {
    await migrate(pool);
    const { userId, previous } = await grantRoleByEmail(pool, args.data.email, args.data.role);
    process.stdout.write(`${args.data.email} (${userId}): ${previous} -> ${args.data.role}\n`);
  } finally {
    await pool.end();
    await db.stop();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
