import { Router } from "express";

// The docs page is self-contained (no CDN) and uses no inline script or style, so it works under
// the strict CSP: the HTML loads /docs/docs.js and /docs/docs.css from this origin.
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boon API</title>
<link rel="stylesheet" href="/docs/docs.css">
</head>
<body>
<header><h1>Boon API</h1><p><a href="/openapi.json">openapi.json</a></p></header>
<main id="root"><p>Loading…</p></main>
<script src="/docs/docs.js"></script>
</body>
</html>
`;

const css = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#1c1c1e}
h1{margin-bottom:0}.op{border:1px solid #ddd;border-radius:8px;margin:1rem 0;padding:.5rem 1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}.get{color:#0a7d32}
.post{color:#0050b3}.delete{color:#b30000}.put,.patch{color:#8a5a00}code,pre{font:13px ui-monospace,monospace}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;border-radius:4px}details summary{cursor:pointer}
h2{border-bottom:1px solid #eee;padding-bottom:.25rem}
`;

const js = `"use strict";
(async function () {
  const root = document.getElementById("root");
  const doc = await (await fetch("/openapi.json")).json();
  root.textContent = "";
  const p = document.createElement("p");
  p.textContent = doc.info.description || "";
  root.append(p);
  const groups = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || "other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of groups) {
    const h = document.createElement("h2");
    h.textContent = tag;
    root.append(h);
    for (const { path, method, op } of ops) {
      const box = document.createElement("section");
      box.className = "op";
      const title = document.createElement("div");
      const m = document.createElement("span");
      m.className = "m " + method;
      m.textContent = method;
      const code = document.createElement("code");
      code.textContent = path;
      title.append(m, code, document.createTextNode(" — " + (op.summary || "")));
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = "details";
      const pre = document.createElement("pre");
      pre.textContent = JSON.stringify(
        { description: op.description, security: op.security, parameters: op.parameters, requestBody: op.requestBody, responses: op.responses },
        null,
        2,
      );
      details.append(summary, pre);
      box.append(title, details);
      root.append(box);
    }
  }
  const schemas = document.createElement("details");
  const s = document.createElement("summary");
  s.textContent = "components";
  const pre = document.createElement("pre");
  pre.textContent = JSON.stringify(doc.components || {}, null, 2);
  schemas.append(s, pre);
  root.append(schemas);
})();
`;

export function docsRoutes(): Router {
  const router = Router();
  router.get("/docs", (_req, res) => {
    res.type("html").send(html);
  });
  router.get("/docs/docs.js", (_req, res) => {
    res.type("application/javascript").send(js);
  });
  router.get("/docs/docs.css", (_req, res) => {
    res.type("text/css").send(css);
  });
  return router;
}
