import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";

// Ponder's own GraphiQL page loads React and GraphiQL from a CDN, so offline it never leaves
// "Loading...". This one serves the same GraphiQL from the indexer's own dependencies.

const require = createRequire(import.meta.url);
const fileOf = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

/** The only files served, by the name the page asks for (no path from the request reaches disk). */
const assets: Record<string, { file: string; type: string }> = {
  "react.js": { file: fileOf("react", "umd/react.production.min.js"), type: "text/javascript" },
  "react-dom.js": {
    file: fileOf("react-dom", "umd/react-dom.production.min.js"),
    type: "text/javascript",
  },
  "graphiql.js": { file: fileOf("graphiql", "graphiql.min.js"), type: "text/javascript" },
  "graphiql.css": { file: fileOf("graphiql", "graphiql.min.css"), type: "text/css" },
};

export const ASSETS_PATH = "/graphql/explorer";

const defaultQuery = `# Boon's indexer: gifts, transfers, rewards, stats.
# Run: the play button or Ctrl-Enter. Every table and
# field: the book icon (documentation explorer).
query LatestGifts {
  gifts(orderBy: "eventId", orderDirection: "desc", limit: 5) {
    items { eventId entry giftId kind sender recipient amount status message }
  }
}
`;

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Boon indexer · GraphQL</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${ASSETS_PATH}/graphiql.css" />
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <script src="${ASSETS_PATH}/react.js"></script>
    <script src="${ASSETS_PATH}/react-dom.js"></script>
    <script src="${ASSETS_PATH}/graphiql.js"></script>
    <script>
      const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
      ReactDOM.createRoot(document.getElementById("graphiql")).render(
        React.createElement(GraphiQL, {
          fetcher,
          defaultQuery: ${JSON.stringify(defaultQuery)},
          defaultEditorToolsVisibility: false,
        }),
      );
    </script>
  </body>
</html>`;

/** GET /graphql (and /): the GraphiQL explorer; its scripts and styles under ASSETS_PATH. */
export const explorer = new Hono();
const loaded = new Map<string, Buffer>();
explorer.get(`${ASSETS_PATH}/:name`, (c) => {
  const name = c.req.param("name");
  const asset = assets[name];
  if (!asset) return c.notFound();
  let body = loaded.get(name);
  if (!body) {
    body = readFileSync(asset.file);
    loaded.set(name, body);
  }
  c.header("content-type", `${asset.type}; charset=utf-8`);
  c.header("cache-control", "public, max-age=3600");
  return c.body(new Uint8Array(body));
});
explorer.get("/graphql", (c) => c.html(page));
explorer.get("/", (c) => c.html(page));
