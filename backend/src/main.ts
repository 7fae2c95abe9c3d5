// The backend's production entry: `node src/main.ts` (DATABASE_URL required). For development,
// `npm start -w backend` runs dev/start.ts, which provides an embedded PostgreSQL first.
import { runBackend } from "./run.ts";

runBackend().catch((error: unknown) => {
  process.stderr.write(
    `backend failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
