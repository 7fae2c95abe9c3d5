import { describe, expect, it } from "vitest";
import { routePreload } from "./route-preload-plugin.ts";

type Chunk = {
  type: "chunk";
  fileName: string;
  isEntry: boolean;
  imports: string[];
  facadeModuleId: string | null;
};
const chunk = (
  fileName: string,
  imports: string[] = [],
  facadeModuleId: string | null = null,
  isEntry = false,
): Chunk => ({
  type: "chunk",
  fileName,
  isEntry,
  imports,
  facadeModuleId,
});

describe("routePreload", () => {
  it("maps each page to the files it adds to the first load, and paints its intro", () => {
    const plugin = routePreload({ send: "src/pages/SendPage.tsx" });
    const bundle = {
      a: chunk("assets/index.js", ["assets/react.js"], "/app/index.html", true),
      b: chunk("assets/react.js"),
      c: chunk(
        "assets/send.js",
        ["assets/react.js", "assets/forms.js"],
        "/app/src/pages/SendPage.tsx",
      ),
      d: chunk("assets/forms.js"),
    };
    const hook = plugin.transformIndexHtml as unknown as {
      handler: (html: string, ctx: { bundle?: unknown }) => { tags: Array<{ children: string }> };
    };
    const result = hook.handler("<html></html>", { bundle });
    const [preload, intro] = result.tags;
    expect(preload?.children).toContain('{"send":["assets/send.js","assets/forms.js"]}');
    expect(intro?.children).toContain('"title":"Send a gift"');
  });
});
