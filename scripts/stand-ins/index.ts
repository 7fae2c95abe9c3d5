// `@boon/scripts/stand-ins`: local stand-ins of outside services, one folder each (README.md).

export * from "./smtp/index.ts";
export type { StandInOptions, StandInServer } from "./stand-in.ts";
export * from "./stripe/index.ts";
export * from "./x/index.ts";
