// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

const baseUnits = z.pipe(
  z.string().check(z.regex(/^\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

export const holdsSchema = z.object({
  available: baseUnits,
  held: baseUnits,
  releases: z.array(z.object({ amount: baseUnits, at: z.string() })),
});
export type Holds = z.infer<typeof holdsSchema>;

/** Credits withdrawable now, held, and when held card credits become withdrawable. */
export const fetchHolds = (backend: Backend) => backend("/v1/me/holds", holdsSchema);
