// What every stand-in shares, before its own controls and options (each server.ts adds those).

/** Where a stand-in listens and how to stop it. */
export type StandInServer = { url: string; host: string; port: number; stop(): Promise<void> };

/** The options every stand-in takes, before its own. */
export type StandInOptions = {
  /** 0 (the default) takes a free port. */
  port?: number;
  /** 127.0.0.1 by default: stand-ins never listen beyond the machine. */
  host?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
};
