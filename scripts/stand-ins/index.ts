// `@boon/scripts/stand-ins`: local stand-ins of outside services, one folder each (README.md).
export type { StandInServer } from "./http.ts";
export * from "./smtp/index.ts";
export * from "./stripe/index.ts";
export * from "./x/index.ts";
