// `@boon/scripts/stand-ins`: local stand-ins of outside services, one folder each (README.md).
export type { StandInServer } from "./http.ts";
export * from "./x/index.ts";
