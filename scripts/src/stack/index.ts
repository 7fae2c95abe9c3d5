export { type Chain, repoRoot, rpc, type StartChainOptions, startChain } from "./chain.ts";
export { createDatabase, dropDatabase, startPostgres, type Postgres, type StartPostgresOptions } from "./postgres.ts";
export { freePort, waitFor } from "./ports.ts";
