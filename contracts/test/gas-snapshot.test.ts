import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GasKey, GasReport } from "../scripts/gas-measure.ts";
import { compareGas } from "../scripts/gas-snapshot.ts";

const snapshot: Record<GasKey, number> = {
  erc20Transfer: 50_000,
  directGift: 60_000,
  escrowGiftSocial: 70_000,
  escrowGiftLink: 70_000,
  batchGiftPerExtra: 25_000,
  claimLink: 65_000,
  claimSocial: 66_000,
  refund: 45_000,
  rewardClaimFirst: 90_000,
  rewardClaimRepeat: 60_000,
};
const asReport = (values: Record<GasKey, number>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, BigInt(v)])) as GasReport;

describe("gas snapshot check", () => {
  it("passes growth up to 2% and any saving", () => {
    const measured = asReport({ ...snapshot, directGift: 61_200, claimLink: 60_000 });
    assert.deepEqual(
      compareGas(snapshot, measured).filter((d) => d.regressed),
      [],
    );
  });

  it("flags exactly the operations that grew by more than 2%", () => {
    const measured = asReport({ ...snapshot, directGift: 61_201, rewardClaimRepeat: 70_000 });
    assert.deepEqual(
      compareGas(snapshot, measured)
        .filter((d) => d.regressed)
        .map((d) => d.key),
      ["directGift", "rewardClaimRepeat"],
    );
  });

  it("refuses a snapshot that lacks an operation", () => {
    const { refund: _, ...partial } = snapshot;
    assert.throws(() => compareGas(partial, asReport(snapshot)), /no refund/);
  });
});
