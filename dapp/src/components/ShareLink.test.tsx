import { render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type GiftRow, isReclaimable } from "../api/gift-row.ts";
import { ShareLink } from "./ShareLink.tsx";

const url = `https://boon.example/claim#key=0x${"12".repeat(32)}`;

afterEach(() => {
  delete (navigator as { share?: unknown }).share;
});

describe("ShareLink", () => {
  it("opens the Web Share sheet where the browser has one, and always offers Copy", async () => {
    const share = vi.fn(async () => {});
    Object.assign(navigator, { share, clipboard: { writeText: vi.fn(async () => {}) } });
    render(<ShareLink url={url} amount={3n * 10n ** 18n} />);
    await userEvent.click(screen.getByRole("button", { name: "Share" }));
    expect(share).toHaveBeenCalledWith({ title: "A Boon gift", text: "3 BOON for you", url });
    await userEvent.click(screen.getByRole("button", { name: "Copy link" }));
    expect(navigator.clipboard.writeText).toHaveBeenCalledWith(url);
    expect(screen.getByRole("button", { name: "Copied" })).toBeTruthy();
  });

  it("offers only Copy without the Web Share API", () => {
    render(<ShareLink url={url} amount={1n} />);
    expect(screen.queryByRole("button", { name: "Share" })).toBeNull();
    expect(screen.getByRole("button", { name: "Copy link" })).toBeTruthy();
  });
});

describe("isReclaimable", () => {
  const link = (patch: Partial<GiftRow>) =>
    ({ status: "pending", expiry: 1_000n, ...patch }) as GiftRow;
  it("is true only for an open link past its expiry", () => {
    expect(isReclaimable(link({}), 2_000)).toBe(true);
    expect(isReclaimable(link({}), 500)).toBe(false);
    expect(isReclaimable(link({ status: "claimed" }), 2_000)).toBe(false);
    expect(isReclaimable(link({ status: "refunded" }), 2_000)).toBe(false);
  });
});
