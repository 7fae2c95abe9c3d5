import { act, render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NOTICE_TTL_MS, NoticesProvider, useNotices } from "./notices.tsx";

function Sender() {
  const { notify, update } = useNotices();
  return (
    <>
      <button
        type="button"
        onClick={() => notify({ tone: "pending", title: "Sending: pending", hash: "0xabc" })}
      >
        pending
      </button>
      <button
        type="button"
        onClick={() =>
          update(1, { tone: "error", title: "Sending: refused", message: "Not enough BOON." })
        }
      >
        fail
      </button>
      <button type="button" onClick={() => notify({ tone: "success", title: "Done" })}>
        done
      </button>
    </>
  );
}

afterEach(() => vi.useRealTimers());

describe("notices", () => {
  it("announces progress politely and failures assertively, with the hash", async () => {
    render(
      <NoticesProvider>
        <Sender />
      </NoticesProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "pending" }));
    const polite = screen.getByRole("list", { name: "Notices" });
    expect(polite.getAttribute("aria-live")).toBe("polite");
    expect(polite.textContent).toContain("Sending: pending");
    expect(polite.textContent).toContain("0xabc");
    await userEvent.click(screen.getByRole("button", { name: "fail" }));
    const urgent = screen.getByRole("list", { name: "Errors" });
    expect(urgent.getAttribute("aria-live")).toBe("assertive");
    expect(urgent.textContent).toContain("Not enough BOON.");
    expect(polite.textContent).toBe("");
    await userEvent.click(screen.getByRole("button", { name: "Dismiss notice" }));
    expect(urgent.textContent).toBe("");
  });

  it("lets successes fade on their own", () => {
    vi.useFakeTimers();
    render(
      <NoticesProvider>
        <Sender />
      </NoticesProvider>,
    );
    act(() => screen.getByRole("button", { name: "done" }).click());
    expect(screen.getByRole("list", { name: "Notices" }).textContent).toContain("Done");
    act(() => vi.advanceTimersByTime(NOTICE_TTL_MS + 1));
    expect(screen.getByRole("list", { name: "Notices" }).textContent).toBe("");
  });
});
