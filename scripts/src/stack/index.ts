export { type Chain, repoRoot, rpc, type StartChainOptions, startChain } from "./chain.ts";
export { freePort, waitFor } from "./ports.ts";
export {
  createDatabase,
  dropDatabase,
  type Postgres,
  type StartPostgresOptions,
  startPostgres,
} from "./postgres.ts";
