// `npm start -w backend`: the backend alone for development, on an embedded PostgreSQL unless
// DATABASE_URL is set and with the local Stripe unless STRIPE_SECRET_KEY is set. Production runs
// src/main.ts, which never loads development tooling.
import { runBackend } from "../src/run.ts";
import { provideDevDatabase } from "./database.ts";
import { provideDevStripe } from "./stripe.ts";

const stopDatabase = await provideDevDatabase();
const stopStripe = await provideDevStripe();
await runBackend({
  onShutdown: async () => {
    await stopStripe();
    await stopDatabase();
  },
});
