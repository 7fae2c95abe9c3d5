// Gas per Boon operation on a fresh in-process chain, with its ratio to a plain OpenZeppelin ERC-20
// transfer to a new holder measured in the same run. `--json` prints one JSON object instead.
import { parseArgs } from "node:util";
import { type GasKey, gasKeys, measureGas } from "@boon/contracts/gas";

/** Targets (issues 2 and 11): an absolute gas ceiling or a ratio to the plain transfer. */
const targets: Partial<Record<GasKey, { gas?: bigint; ratioBps?: bigint }>> = {
  directGift: { ratioBps: 12_500n },
  escrowGiftSocial: { gas: 72_000n },
  escrowGiftLink: { gas: 72_000n },
  batchGiftPerExtra: { gas: 27_000n },
  claimLink: { gas: 70_000n },
  claimSocial: { gas: 70_000n },
  rewardClaimFirst: { gas: 86_000n },
  rewardClaimRepeat: { gas: 55_000n },
};

const { values } = parseArgs({ options: { json: { type: "boolean" } } });
const report = await measureGas();
if (values.json) {
  console.log(JSON.stringify(Object.fromEntries(gasKeys.map((key) => [key, Number(report[key])]))));
} else {
  const base = report.erc20Transfer;
  const ratio = (gas: bigint) =>
    `${gas / base}.${String(((gas * 1000n) / base) % 1000n).padStart(3, "0")}x`;
  console.log(`${"operation".padEnd(20)}${"gas".padStart(9)}${"vs transfer".padStart(13)}  target`);
  for (const key of gasKeys) {
    const gas = report[key];
    const target = targets[key];
    let verdict = "";
    if (target?.gas !== undefined)
      verdict = `${gas <= target.gas ? "met" : "MISSED"} (<= ${target.gas})`;
    if (target?.ratioBps !== undefined) {
      const limit = (base * target.ratioBps) / 10_000n;
      verdict = `${gas <= limit ? "met" : "MISSED"} (<= ${ratio(limit)} = ${limit})`;
    }
    console.log(
      `${key.padEnd(20)}${String(gas).padStart(9)}${ratio(gas).padStart(13)}  ${verdict}`,
    );
  }
  const opening = report.rewardClaimOpeningDay;
  console.log(
    `(the day's first reward claim also mints the day's budget: ${opening} gas, ${ratio(opening)})`,
  );
}
