// `npm start -w backend`: the backend alone for development, on an embedded PostgreSQL unless
// DATABASE_URL is set. Production runs src/main.ts, which never loads development tooling.
import { runBackend } from "../src/run.ts";
import { provideDevDatabase } from "./database.ts";

const stopDatabase = await provideDevDatabase();
await runBackend({ onShutdown: stopDatabase });
