import { z } from "zod";

/** An optional environment key: blank counts as unset. Shared by every part of the configuration. */
export const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
