import type { Request } from "express";
import { z } from "zod";
import { badRequest, zodIssues } from "./errors.ts";

/**
 * Parses one part of the request with a zod schema; 400 `invalid_request` with the issues otherwise.
 * Object schemas are made strict here, so unknown fields are always rejected.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const strictSchema = schema instanceof z.ZodObject ? schema.strict() : schema;
  const result = strictSchema.safeParse(value);
  if (!result.success) {
    throw badRequest("invalid_request", `Invalid ${where}`, zodIssues(result.error));
  }
  return result.data as z.output<S>;
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.body, "request body");
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, { ...req.query }, "query string");
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, { ...req.params }, "path parameters");
}

/** Rejects any query string on endpoints that take none. */
export const noQuery = z.object({});
