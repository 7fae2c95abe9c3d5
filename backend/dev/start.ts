// `npm start -w backend`: the backend alone for development, on an embedded PostgreSQL unless
// DATABASE_URL is set, sending email to a local SMTP stand-in unless SMTP_URL is set, with the
// local Stripe unless STRIPE_SECRET_KEY is set and the local X unless X_CLIENT_ID is set.
// Production runs src/main.ts, which never loads development tooling.
import { runBackend } from "../src/run.ts";
import { provideDevDatabase } from "./database.ts";
import { provideDevMail } from "./mail.ts";
import { provideDevStripe } from "./stripe.ts";
import { provideDevX } from "./x.ts";

const stopDatabase = await provideDevDatabase();
const stopMail = await provideDevMail();
const stopStripe = await provideDevStripe();
const stopX = await provideDevX();
await runBackend({
  onShutdown: async () => {
    await stopX();
    await stopStripe();
    await stopMail();
    await stopDatabase();
  },
});
