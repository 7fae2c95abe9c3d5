// `npm run grant-role -w backend -- --email ... --role ...` in development (embedded PostgreSQL
// unless DATABASE_URL is set).
import { runGrantRole } from "../src/admin/grant-role.ts";
import { provideDevDatabase } from "./database.ts";

const stopDatabase = await provideDevDatabase();
try {
  await runGrantRole();
} finally {
  await stopDatabase();
}
