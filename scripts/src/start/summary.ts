import path from "node:path";
import type { Deployment } from "@boon/contracts";
import { devAccounts } from "@boon/contracts";

export type StackAddresses = {
  chainUrl: string;
  indexerUrl: string;
  backendUrl: string;
  /** The local Stripe (its index page lists checkout sessions), or real Stripe's API. */
  stripe: { url: string; local: boolean };
  /** The local X, when it runs (no X app configured). */
  x: { url: string } | undefined;
  /** The local SMTP, when it runs (no SMTP_URL configured). */
  smtp: { url: string; inboxUrl: string } | undefined;
  dappUrl: string;
  databaseUrl: string;
  embeddedDatabase: string | undefined;
};

export type SummaryInput = StackAddresses & {
  deployment: Deployment;
  deploymentFile: string;
  repoRoot: string;
  logDir: string;
  claimLink: string;
  prod: boolean;
};

/** The last lines `npm start` prints: where every part is, the contracts and the test accounts. */
export function summary(input: SummaryInput): string[] {
  const { deployment } = input;
  const database = input.databaseUrl.replace(/\/\/[^@]*@/, "//");
  return [
    "",
    `Boon is running${input.prod ? " (dApp: production build)" : ""}. Ctrl-C stops everything.`,
    "",
    `Chain:       ${input.chainUrl} (JSON-RPC, chain id ${deployment.chainId})`,
    `  BoonToken:         ${deployment.contracts.boonToken}`,
    `  GiftVault:         ${deployment.contracts.giftVault}`,
    `  RewardDistributor: ${deployment.contracts.rewardDistributor}`,
    `  deployments file:  ${path.relative(input.repoRoot, input.deploymentFile)}`,
    "Test accounts (10,000 BOON and 10,000 ETH each; choose them in the dApp's Dev wallet):",
    ...(["alice", "bob", "carol"] as const).map(
      (name) =>
        `  ${name.padEnd(6)} ${devAccounts[name].address}  key ${devAccounts[name].privateKey}`,
    ),
    input.embeddedDatabase
      ? `PostgreSQL:  ${database} (embedded; data in ${input.embeddedDatabase})`
      : `PostgreSQL:  ${database}`,
    `Indexer:     ${input.indexerUrl}/graphql (GraphQL and its explorer), ${input.indexerUrl}/sql (SQL over HTTP), views schema "onchain"`,
    `Backend:     ${input.backendUrl} (API docs ${input.backendUrl}/docs, OpenAPI ${input.backendUrl}/openapi.json)`,
    input.stripe.local
      ? `  Local Stripe:      ${input.stripe.url} (test mode: recent checkouts and their pages)`
      : `  Stripe:            ${input.stripe.url} (real Stripe: STRIPE_SECRET_KEY is set)`,
    input.x
      ? `  Local X:           ${input.x.url} (OAuth consent at /i/oauth2/authorize, API v2; sign in as @alice, @bob, @carol)`
      : "  X:                 the X app in X_CLIENT_ID",
    input.smtp
      ? `  Local inbox:       ${input.smtp.inboxUrl} (every email: sign-in codes, receipts; SMTP on ${input.smtp.url}, nothing leaves this machine)`
      : "  Email:             sent through SMTP_URL",
    `Demo claim link: ${input.claimLink}`,
    `Logs:        ${input.logDir}`,
    "",
    `dApp: ${input.dappUrl}`,
  ];
}
