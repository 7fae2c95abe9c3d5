import { type Deployment, deploymentSchema, localChain, localRpcUrl } from "@boon/contracts";
// zod/mini, like the deployments schema it composes with: the browser gets only the result (the
// Vite plugin validates at build time), but the types travel with the app.
import * as z from "zod/mini";

const envSchema = z.object({
  VITE_RPC_URL: z._default(z.url(), localRpcUrl),
  VITE_BACKEND_URL: z._default(z.url(), "http://localhost:4000"),
  VITE_INDEXER_URL: z._default(z.url(), "http://localhost:42069"),
  VITE_CHAIN_ID: z._default(
    z.coerce.number().check(z.refine(Number.isSafeInteger, "must be an integer"), z.positive()),
    localChain.id,
  ),
  VITE_WALLETCONNECT_PROJECT_ID: z.optional(z.string().check(z.minLength(1))),
  VITE_MAIL_INBOX_URL: z.optional(z.url()),
  /** The block explorer of the build's chain; chains Boon knows have one by default. */
  VITE_EXPLORER_URL: z.optional(z.url()),
});

/** Block explorers of the chains Boon is deployed on; the local chain uses the app's own /tx page. */
export const defaultExplorers: Record<number, string> = {
  1: "https://etherscan.io",
  11155111: "https://sepolia.etherscan.io",
  8453: "https://basescan.org",
  84532: "https://sepolia.basescan.org",
  10: "https://optimistic.etherscan.io",
  42161: "https://arbiscan.io",
};

export type AppConfig = {
  rpcUrl: string;
  backendUrl: string;
  indexerUrl: string;
  chainId: number;
  walletConnectProjectId: string | undefined;
  /** The local SMTP stand-in's inbox (`npm start`), where sign-in codes can be read. */
  mailInboxUrl: string | undefined;
  contracts: Deployment["contracts"];
  startBlock: number;
  /** The local Hardhat chain, where the dev wallet is offered. */
  isLocalChain: boolean;
  /** Base URL of a block explorer with `/tx/<hash>` pages; undefined: the app's own /tx page. */
  explorerUrl: string | undefined;
};

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

type DeploymentModule = { raw: unknown; file: string; error: string | null };

const strip = (url: string) => url.replace(/\/+$/, "");
const issues = (error: z.core.$ZodError, prefix = "") =>
  error.issues.map((issue) => `${prefix}${issue.path.join(".") || "value"}: ${issue.message}`);

/** Validates the build's environment and deployments file; every problem is listed for the error screen. */
export function parseConfig(
  env: Record<string, unknown>,
  deployment: DeploymentModule,
): ConfigResult {
  const problems: string[] = [];
  const envResult = z.safeParse(envSchema, env);
  if (!envResult.success) problems.push(...issues(envResult.error));
  let contracts: Deployment["contracts"] | undefined;
  let startBlock = 0;
  if (deployment.error) {
    problems.push(deployment.error);
  } else {
    const parsed = z.safeParse(deploymentSchema, deployment.raw);
    if (!parsed.success) problems.push(...issues(parsed.error, `${deployment.file}: `));
    else {
      contracts = parsed.data.contracts;
      startBlock = parsed.data.startBlock;
      if (envResult.success && parsed.data.chainId !== envResult.data.VITE_CHAIN_ID) {
        problems.push(
          `${deployment.file} is for chain ${parsed.data.chainId} but VITE_CHAIN_ID is ${envResult.data.VITE_CHAIN_ID}.`,
        );
      }
    }
  }
  if (problems.length > 0 || !envResult.success || !contracts) return { ok: false, problems };
  const e = envResult.data;
  return {
    ok: true,
    config: {
      rpcUrl: strip(e.VITE_RPC_URL),
      backendUrl: strip(e.VITE_BACKEND_URL),
      indexerUrl: strip(e.VITE_INDEXER_URL),
      chainId: e.VITE_CHAIN_ID,
      walletConnectProjectId: e.VITE_WALLETCONNECT_PROJECT_ID,
      mailInboxUrl: e.VITE_MAIL_INBOX_URL === undefined ? undefined : strip(e.VITE_MAIL_INBOX_URL),
      contracts,
      startBlock,
      isLocalChain: e.VITE_CHAIN_ID === localChain.id,
      explorerUrl: explorerFor(e.VITE_CHAIN_ID, e.VITE_EXPLORER_URL),
    },
  };
}

function explorerFor(chainId: number, configured: string | undefined): string | undefined {
  const url = configured ?? defaultExplorers[chainId];
  return url === undefined ? undefined : strip(url);
}
