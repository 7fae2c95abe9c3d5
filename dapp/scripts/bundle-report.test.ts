import { describe, expect, it } from "vitest";
import { type Manifest, routeCosts } from "./bundle-report.ts";

const manifest: Manifest = {
  "index.html": {
    file: "a/index.js",
    isEntry: true,
    imports: ["_react"],
    dynamicImports: ["src/pages/Send.tsx"],
  },
  _react: { file: "a/react.js" },
  _forms: { file: "a/forms.js", imports: ["_react"] },
  "src/pages/Send.tsx": { file: "a/send.js", isDynamicEntry: true, imports: ["_forms", "_react"] },
  "src/pages/Home.tsx": { file: "a/home.js", isDynamicEntry: true, imports: ["_react"] },
};
const sizes: Record<string, number> = {
  "a/index.js": 10,
  "a/react.js": 50,
  "a/forms.js": 7,
  "a/send.js": 3,
  "a/home.js": 2,
};

describe("routeCosts", () => {
  it("counts the entry's static closure once and each page's extra files", () => {
    const report = routeCosts(
      manifest,
      { "/": "src/pages/Home.tsx", "/send": "src/pages/Send.tsx" },
      (f) => sizes[f] ?? 0,
    );
    expect(report.initial).toEqual({
      route: "initial",
      files: ["a/index.js", "a/react.js"],
      bytes: 60,
    });
    expect(report.routes).toEqual([
      { route: "/", files: ["a/home.js"], bytes: 2 },
      { route: "/send", files: ["a/send.js", "a/forms.js"], bytes: 10 },
    ]);
  });
  it("fails loudly when a page is missing from the build", () => {
    expect(() => routeCosts(manifest, { "/x": "src/pages/X.tsx" }, () => 0)).toThrow(/no chunk/);
  });
});
