// The backend's public entry point for other workspaces (benchmarks, the local stack): what they
// may build on without reaching into its modules.
export { type AppDeps, createApp } from "./app.ts";
export { startSession } from "./auth/session.service.ts";
export { type Config, loadConfig } from "./config.ts";
export { migrate } from "./db/migrate.ts";
export { createPool, type Pool, type Queryable } from "./db/pool.ts";
export { withTransaction } from "./db/transaction.ts";
export { buildDeps } from "./deps.ts";
export { appendEvent } from "./events/append-event.ts";
export { type Consumer, startConsumer, startProjection } from "./events/consumer.ts";
export { type EventType, eventSchemas } from "./events/event-types.ts";
export {
  type Position,
  readEventsAfter,
  resetConsumer,
  type StoredEvent,
} from "./events/events.repository.ts";
export { openEventStream } from "./events/stream.ts";
export { SYSTEM, userAccount } from "./ledger/accounts.ts";
export { createLedgerService } from "./ledger/ledger.service.ts";
export { createLogger } from "./ops/logger.ts";
export { listen } from "./server.ts";
