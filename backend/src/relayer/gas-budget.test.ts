import type { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createLogger } from "../ops/logger.ts";
import { createMetrics } from "../ops/metrics.ts";
import type { BudgetDay } from "./gas-budget.repository.ts";
import { assertFits, observeBudget, remainingWei, secondsToNextUtcDay } from "./gas-budget.ts";
import { relayerConfig } from "./relayer.config.ts";
import { cappedFees } from "./sign.ts";

const day = (spent: bigint, reserved: bigint): BudgetDay => ({
  day: "2026-12-01",
  budgetWei: 1_000n,
  spentWei: spent,
  reservedWei: reserved,
});

describe("the daily gas budget", () => {
  it("fits a reservation up to exactly what remains, and refuses one wei more", () => {
    expect(remainingWei(day(300n, 200n))).toBe(500n);
    expect(() => assertFits(day(300n, 200n), 500n)).not.toThrow();
    let refused: unknown;
    try {
      assertFits(day(300n, 200n), 501n);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "relay_budget_exhausted", kind: "unavailable" });
  });

  it("answers the seconds to the next UTC midnight", () => {
    expect(secondsToNextUtcDay(new Date("2026-12-01T23:59:00Z"))).toBe(60);
    expect(secondsToNextUtcDay(new Date("2026-12-01T00:00:00Z"))).toBe(86_400);
  });

  it("raises the low-budget gauge under the alert fraction only", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const config = relayerConfig({
      NODE_ENV: "test",
      RELAYER: "on",
      RELAYER_WORKER: "on",
      RELAYER_PRIVATE_KEY: undefined,
      RELAY_DAILY_GAS_BUDGET_WEI: "1000",
      RELAY_BUDGET_ALERT_FRACTION: 0.2,
      RELAY_PER_USER_PER_DAY: 1,
      RELAY_PER_IP_PER_HOUR: 1,
    });
    const logger = createLogger("silent");
    observeBudget(metrics, logger, config, day(700n, 100n)); // 200 left: exactly 20%
    expect(await gauge(metrics.registry, "boon_relay_budget_low")).toBe(0);
    observeBudget(metrics, logger, config, day(700n, 101n)); // 199 left
    expect(await gauge(metrics.registry, "boon_relay_budget_low")).toBe(1);
    expect(await gauge(metrics.registry, "boon_relay_budget_remaining_wei")).toBe(199);
    expect(await gauge(metrics.registry, "boon_relay_gas_spent_today_wei")).toBe(700);
  });
});

describe("the relayed transaction's fee", () => {
  it("never exceeds the reserved price per gas, and the tip never exceeds the fee", () => {
    const fees = { maxFeePerGas: 50n, maxPriorityFeePerGas: 2n };
    expect(cappedFees(fees, 100n)).toEqual(fees);
    expect(cappedFees(fees, 30n)).toEqual({ maxFeePerGas: 30n, maxPriorityFeePerGas: 2n });
    expect(cappedFees(fees, 1n)).toEqual({ maxFeePerGas: 1n, maxPriorityFeePerGas: 1n });
  });
});

async function gauge(registry: Registry, name: string): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value;
}
