// `npm start -w backend`: the backend alone for development, on an embedded PostgreSQL unless
// DATABASE_URL is set, sending email to a local SMTP stand-in unless SMTP_URL is set, and with the
// local Stripe unless STRIPE_SECRET_KEY is set. Production runs src/main.ts, which never loads
// development tooling.
import { runBackend } from "../src/run.ts";
import { provideDevDatabase } from "./database.ts";
import { provideDevMail } from "./mail.ts";
import { provideDevStripe } from "./stripe.ts";

const stopDatabase = await provideDevDatabase();
const stopMail = await provideDevMail();
const stopStripe = await provideDevStripe();
await runBackend({
  onShutdown: async () => {
    await stopStripe();
    await stopMail();
    await stopDatabase();
  },
});
