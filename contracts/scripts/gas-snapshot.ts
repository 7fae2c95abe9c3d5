// Checks (default, or --check) or rewrites (--update) contracts/gas-snapshot.json, the gas of the
// hot paths. The check fails when any operation grows by more than 2% over its snapshot.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type GasKey, type GasReport, gasKeys, measureGas } from "./gas-measure.ts";

const snapshotFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../gas-snapshot.json",
);
/** Allowed growth over the snapshot, in basis points. */
export const TOLERANCE_BPS = 200n;

export type GasDiff = {
  key: GasKey;
  snapshot: bigint;
  measured: bigint;
  regressed: boolean;
};

/** Compares a measurement with a snapshot; integer maths so the 2% bound is exact. */
export function compareGas(
  snapshot: Record<string, number>,
  measured: Pick<GasReport, GasKey>,
): GasDiff[] {
  return gasKeys.map((key) => {
    const value = snapshot[key];
    if (value === undefined) throw new Error(`gas snapshot has no ${key}: run with --update`);
    const before = BigInt(value);
    return {
      key,
      snapshot: before,
      measured: measured[key],
      regressed: measured[key] * 10_000n > before * (10_000n + TOLERANCE_BPS),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { check: { type: "boolean" }, update: { type: "boolean" } },
  });
  const measured = await measureGas();
  if (values.update) {
    const json = Object.fromEntries(gasKeys.map((key) => [key, Number(measured[key])]));
    await writeFile(snapshotFile, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${snapshotFile}`);
  } else {
    const snapshot = JSON.parse(await readFile(snapshotFile, "utf8")) as Record<string, number>;
    const diffs = compareGas(snapshot, measured);
    for (const d of diffs) {
      const change = Number(((d.measured - d.snapshot) * 10_000n) / d.snapshot) / 100;
      console.log(
        `${d.regressed ? "FAIL" : "ok  "} ${d.key.padEnd(18)} ${d.snapshot} -> ${d.measured} (${change >= 0 ? "+" : ""}${change}%)`,
      );
    }
    if (diffs.some((d) => d.regressed)) {
      console.error(
        "gas grew by more than 2% on a hot path; if intended, run with --update and commit",
      );
      process.exitCode = 1;
    }
  }
}
