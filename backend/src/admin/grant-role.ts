import { parseArgs } from "node:util";
import { ConfigError, exitOnConfigError } from "@boon/contracts/config-error";
import { z } from "zod";
import { ROLES } from "../auth/roles.ts";
import { loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { createPool } from "../db/pool.ts";
import { emailSchema } from "../http/schemas.ts";
import { grantRoleByEmail } from "./role.service.ts";

// Usage: npm run grant-role -w backend -- --email ops@example.com --role admin
// (in production: DATABASE_URL=... node src/admin/grant-role.ts --email ... --role ...)
const argsSchema = z.object({ email: emailSchema, role: z.enum(ROLES) });

export async function runGrantRole(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
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
  if (!config.databaseUrl)
    throw new ConfigError("grant-role", ["DATABASE_URL: required by grant-role"]);
  const pool = createPool(config.databaseUrl, { max: 2 });
  try {
    await migrate(pool);
    const { userId, previous } = await grantRoleByEmail(pool, args.data.email, args.data.role);
    process.stdout.write(`${args.data.email} (${userId}): ${previous} -> ${args.data.role}\n`);
  } finally {
    await pool.end();
  }
}

if (import.meta.main) {
  runGrantRole().catch((error: unknown) => {
    if (error instanceof ConfigError) exitOnConfigError(error);
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
