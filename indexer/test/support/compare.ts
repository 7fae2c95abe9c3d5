import { expect } from "vitest";
import type { Indexer } from "../../lib/stack.ts";
import type { Boon } from "./actions.ts";
import { canonical } from "./canonical.ts";
import { graphql } from "./query.ts";

type Row = Record<string, unknown>;
/** A stable order for rows without comparable ids: every field, as JSON. */
const byContent = (a: Row, b: Row) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Asserts that the indexer's gifts, transfers, balances and daily totals equal what the chain says. */
export async function expectIndexerMatchesChain(indexer: Indexer, boon: Boon): Promise<void> {
  const chain = await canonical(boon);
  const data = await graphql(
    indexer.graphqlUrl,
    `{ gifts(limit: 1000) { items { sentTx entry giftId sender amount } }
       transfers(limit: 1000) { items { txHash from to amount } }
       accounts(limit: 1000) { items { address boonBalance } }
       dailyStats(limit: 1000) { items { gifts volume } } }`,
  );
  expect([...(data.gifts?.items ?? [])].sort(byContent)).toEqual([...chain.gifts].sort(byContent));
  expect([...(data.transfers?.items ?? [])].sort(byContent)).toEqual(
    [...chain.transfers].sort(byContent),
  );
  const balances = new Map(
    (data.accounts?.items ?? []).map((a) => [a.address as string, a.boonBalance]),
  );
  for (const [address, balance] of chain.balances)
    expect(balances.get(address), address).toBe(String(balance));
  const days = data.dailyStats?.items ?? [];
  expect(days.reduce((sum, d) => sum + (d.gifts as number), 0)).toBe(chain.gifts.length);
  expect(days.reduce((sum, d) => sum + BigInt(d.volume as string), 0n)).toBe(
    chain.gifts.reduce((sum, g) => sum + BigInt(g.amount), 0n),
  );
}
