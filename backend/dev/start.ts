// `npm start -w backend`: the backend alone for development, on an embedded PostgreSQL unless
// DATABASE_URL is set, sending email to a local SMTP stand-in unless SMTP_URL is set. Production
// runs src/main.ts, which never loads development tooling.
import { runBackend } from "../src/run.ts";
import { provideDevDatabase } from "./database.ts";
import { provideDevMail } from "./mail.ts";

const stopDatabase = await provideDevDatabase();
const stopMail = await provideDevMail();
await runBackend({
  onShutdown: async () => {
    await stopMail();
    await stopDatabase();
  },
});
