import { type Logger, pino } from "pino";

export type { Logger };

/** JSON logs; credentials never reach them. */
export function createLogger(
  level: string,
  options: { destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      level,
      base: { service: "boon-backend" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
        censor: "[redacted]",
      },
    },
    options.destination,
  );
}
