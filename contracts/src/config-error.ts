// The one way every part of Boon reports a configuration it cannot start with. It lives in the
// package every workspace already depends on (`@boon/contracts/config-error`), so the backend, the
// indexer and the local stack print the same thing: one header naming the part, then every problem
// at once, each saying what is wrong and how to fix it.

/** `Cannot start <part>:` and one `  - <problem>` line per problem. */
export function configErrorMessage(part: string, problems: readonly string[]): string {
  return `Cannot start ${part}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`;
}

/** A configuration `part` cannot start with; `problems` lists every one found, not just the first. */
export class ConfigError extends Error {
  readonly part: string;
  readonly problems: string[];
  constructor(part: string, problems: string[]) {
    super(configErrorMessage(part, problems));
    this.name = "ConfigError";
    this.part = part;
    this.problems = problems;
  }
}

/**
 * How a process stops on a ConfigError: its message on stderr (no stack: the problems say it all),
 * exit 1. Anything else is rethrown.
 */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
