import { afterEach, expect, it } from "vitest";
import { json, serve } from "./http.ts";
import type { StandInServer } from "./stand-in.ts";

let server: StandInServer | undefined;
afterEach(() => server?.stop());

it("serves handler replies on 127.0.0.1 and a free port, and stops", async () => {
  server = await serve({ name: "Echo" }, (request) =>
    json(201, { method: request.method, path: request.url.pathname, body: request.body }),
  );
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await fetch(`${server.url}/a/b`, { method: "POST", body: "hi" });
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ method: "POST", path: "/a/b", body: "hi" });
  await server.stop();
  await expect(fetch(`${server.url}/a/b`)).rejects.toThrow();
  server = undefined;
});

it("answers 500 naming the stand-in when a handler throws, and 413 for a huge body", async () => {
  const logged: string[] = [];
  server = await serve({ name: "Broken", log: (m) => logged.push(m) }, (request) => {
    if (request.url.pathname === "/boom") throw new Error("kaput");
    return json(200, {});
  });
  const boom = await fetch(`${server.url}/boom`);
  expect(boom.status).toBe(500);
  expect(await boom.json()).toEqual({ error: "Broken stand-in: kaput" });
  expect(logged).toEqual(["Broken stand-in error"]);
  const huge = await fetch(`${server.url}/upload`, { method: "POST", body: "x".repeat(1_000_001) });
  expect(huge.status).toBe(413);
});
