import { z } from "zod";
import { invalid } from "../errors.ts";
import { zodIssues } from "./errors.ts";

/**
 * Parses one part of the request with a zod schema; 400 `invalid_request` with the issues otherwise.
 * Object schemas are made strict here, so unknown fields are always rejected.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = strict(schema).safeParse(value);
  if (!result.success) {
    throw invalid("invalid_request", `Invalid ${where}`, zodIssues(result.error));
  }
  return result.data as z.output<S>;
}

// Built once per schema: these run on every request.
const strictCache = new WeakMap<z.ZodType, z.ZodType>();

function strict(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject)) return schema;
  let cached = strictCache.get(schema);
  if (!cached) {
    cached = schema.strict();
    strictCache.set(schema, cached);
  }
  return cached;
}

/** Rejects any query string on endpoints that take none. */
export const noQuery = z.object({});
