import type { Pool } from "../db/pool.ts";
import { type Consumer, startProjection } from "../events/consumer.ts";
import type { EventStream } from "../events/stream.ts";
import type { Logger } from "../ops/logger.ts";
import { patchActivity, putActivity } from "./activity.repository.ts";
import { ACTIVITY_EVENTS, activityChanges } from "./activity-items.ts";

/** The consumer's name (its position in event_consumers); a replay resets it. */
export const ACTIVITY_PROJECTION = "activity";

/**
 * Keeps `activity_items` up to date from the domain events, in the transaction that moves its
 * position, so each event changes the activity exactly once. A replay (reset the consumer and
 * empty the table) builds the same rows.
 */
export function startActivityProjection(deps: {
  pool: Pool;
  stream: EventStream;
  logger: Logger;
}): Consumer {
  return startProjection({
    name: ACTIVITY_PROJECTION,
    ...deps,
    types: ACTIVITY_EVENTS,
    async apply(tx, batch) {
      for (const event of batch) {
        for (const change of activityChanges(event)) {
          if (change.op === "put") await putActivity(tx, change.item);
          else await patchActivity(tx, change);
        }
      }
    },
  });
}
