import { describe, expect, it } from "vitest";
import { createLifecycle, StoppingError } from "./lifecycle.ts";

const later = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("npm start's lifecycle", () => {
  it("stops what it started, last started first", async () => {
    const lifecycle = createLifecycle();
    const stopped: string[] = [];
    for (const name of ["postgres", "chain", "backend"]) {
      await lifecycle.step(async () => lifecycle.onStop(async () => void stopped.push(name)));
    }
    await lifecycle.shutdown();
    expect(stopped).toEqual(["backend", "chain", "postgres"]);
  });

  it("waits for a step still starting when Ctrl-C comes, and stops what that step started", async () => {
    const lifecycle = createLifecycle();
    const stopped: string[] = [];
    const starting = later();
    const step = lifecycle.step(async () => {
      await starting.promise;
      lifecycle.onStop(async () => void stopped.push("postgres"));
    });
    const shutdown = lifecycle.shutdown();
    starting.resolve();
    await expect(step).rejects.toBeInstanceOf(StoppingError);
    await shutdown;
    expect(stopped).toEqual(["postgres"]);
    await expect(lifecycle.step(async () => "never")).rejects.toBeInstanceOf(StoppingError);
  });

  it("runs every stopper even when one fails, and reports the failure", async () => {
    const errors: unknown[] = [];
    const lifecycle = createLifecycle({ onError: (error) => errors.push(error) });
    const stopped: string[] = [];
    lifecycle.onStop(async () => void stopped.push("first"));
    lifecycle.onStop(async () => {
      throw new Error("stuck");
    });
    await lifecycle.shutdown();
    await lifecycle.shutdown(); // a second Ctrl-C: one shutdown
    expect(stopped).toEqual(["first"]);
    expect(errors).toEqual([new Error("stuck")]);
  });
});
