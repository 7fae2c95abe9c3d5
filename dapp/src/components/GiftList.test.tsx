import { giftVaultAbi } from "@boon/contracts";
import { act, render, screen } from "@testing-library/react";
import { encodeAbiParameters, encodeEventTopics, type Log } from "viem";
import { describe, expect, it } from "vitest";
import { alice, bob, giftRowOf } from "../../test/support/gift-rows.ts";
import { recordSettledGifts } from "../app/settled-gifts.ts";
import { GiftList, GiftListState, giftHeadline } from "./GiftList.tsx";

const row = giftRowOf;

describe("giftHeadline", () => {
  it("reads from the viewer's side, with checksummed addresses", () => {
    expect(giftHeadline(row({}), alice)).toEqual({ direction: "out", text: "To 0x9965…A4dc" });
    expect(giftHeadline(row({}), bob)).toEqual({ direction: "in", text: "From 0x15d3…6A65" });
    expect(
      giftHeadline(
        row({ kind: "link", status: "claimed", claimedBy: bob.toLowerCase() as `0x${string}` }),
        alice,
      ).text,
    ).toBe("Link claimed by 0x9965…A4dc");
    expect(giftHeadline(row({ kind: "link", status: "pending" }), alice).text).toBe("Claim link");
  });
});

describe("GiftList", () => {
  it("shows amounts, statuses and optimistic rows", () => {
    render(
      <GiftList
        me={alice}
        rows={[
          row({
            sentTx: "0x02",
            giftId: 2n,
            kind: "link",
            status: "pending",
            expiry: 4_000_000_000n,
            message: "hi",
          }),
        ]}
        optimistic={[row({ sentTx: "0x03" })]}
        empty="nothing"
      />,
    );
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain("Confirming");
    expect(items[1]?.textContent).toContain("Waiting");
    expect(items[1]?.textContent).toContain("−5 BOON");
    expect(items[1]?.textContent).toContain("“hi”");
  });
  it("points every open X gift at the page where its recipient claims it", () => {
    const social = { kind: "social" as const, giftId: 3n, status: "pending" as const };
    render(
      <GiftList
        me={alice}
        rows={[
          row({ ...social, sentTx: "0x04", expiry: 4_000_000_000n }),
          row({ ...social, sentTx: "0x05", expiry: 4_000_000_000n, status: "claimed" }),
        ]}
        empty="nothing"
      />,
    );
    const links = screen.getAllByRole("link", { name: "Where they claim it" });
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute("href")).toBe("/claim/x");
  });
  it("says so when there is nothing", () => {
    render(<GiftList me={alice} rows={[]} empty="Nothing yet." />);
    expect(screen.getByText("Nothing yet.")).toBeTruthy();
  });
  it("stops offering Refund on an expired gift once its refund confirmed here", () => {
    const expired = row({
      sentTx: "0x04",
      giftId: 44n,
      kind: "link",
      status: "pending",
      expiry: 1_000n,
    });
    render(
      <GiftList
        me={alice}
        rows={[expired]}
        empty="nothing"
        action={(r) => (r.status === "pending" ? <button type="button">Refund</button> : null)}
      />,
    );
    expect(screen.getByRole("listitem").textContent).toContain("Expired");
    expect(screen.getByRole("button", { name: "Refund" })).toBeTruthy();
    const refunded: Log = {
      address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      topics: encodeEventTopics({
        abi: giftVaultAbi,
        eventName: "GiftRefunded",
        args: { giftId: 44n, sender: alice, relayer: alice },
      }) as Log["topics"],
      data: encodeAbiParameters(
        [{ type: "address" }, { type: "uint256" }],
        ["0x5FbDB2315678afecb367f032d93F642f64180aa3", 5n],
      ),
    } as unknown as Log;
    act(() => recordSettledGifts([refunded]));
    expect(screen.getByRole("listitem").textContent).toContain("Refunded");
    expect(screen.getByRole("listitem").textContent).not.toContain("Expired");
    expect(screen.queryByRole("button", { name: "Refund" })).toBeNull();
  });
});

describe("GiftListState", () => {
  it("keeps loading, error and empty apart", () => {
    const listState = (query: { isPending: boolean; isError: boolean }) => (
      <GiftListState query={{ ...query, gifts: [] }} me={alice} empty="Nothing yet." />
    );
    const { rerender } = render(listState({ isPending: true, isError: false }));
    expect(screen.getByRole("status").textContent).toBe("Loading your gifts…");
    expect(screen.queryByText("Nothing yet.")).toBeNull();
    rerender(listState({ isPending: false, isError: true }));
    expect(screen.getByRole("alert").textContent).toMatch(/cannot be loaded/);
    expect(screen.queryByText("Nothing yet.")).toBeNull();
    rerender(listState({ isPending: false, isError: false }));
    expect(screen.getByText("Nothing yet.")).toBeTruthy();
  });
});
