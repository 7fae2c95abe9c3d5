// Reading the decoded form parameters of an API request, with Stripe's errors for missing or
// malformed ones.
import { invalidParam, missingParam } from "./errors.ts";
import type { FormValue } from "./form.ts";
import type { Metadata } from "./objects.ts";

export type Form = Record<string, FormValue>;

export function str(value: FormValue | undefined, param: string): string {
  if (value === undefined) throw missingParam(param);
  if (typeof value !== "string") throw invalidParam(param, `Invalid string: ${param}`);
  return value;
}

export function optStr(value: FormValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

export function int(value: FormValue | undefined, param: string): number {
  const text = str(value, param);
  if (!/^\d{1,15}$/.test(text)) throw invalidParam(param, `Invalid integer: ${text}`);
  return Number.parseInt(text, 10);
}

export function optInt(value: FormValue | undefined, param: string): number | undefined {
  return value === undefined ? undefined : int(value, param);
}

export function asArray(value: FormValue | undefined, param: string): FormValue[] {
  if (value === undefined) throw missingParam(param);
  if (!Array.isArray(value) || value.length === 0) throw invalidParam(param, `Invalid array`);
  return value;
}

export function asObject(value: FormValue | undefined, param: string): Form {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidParam(param, `Invalid object`);
  return value;
}

export function metadata(value: FormValue | undefined): Metadata {
  if (value === undefined) return {};
  const obj = asObject(value, "metadata");
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, str(v, `metadata[${k}]`)]));
}
