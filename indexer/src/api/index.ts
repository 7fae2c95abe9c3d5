import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { explorer } from "./explorer.ts";

const app = new Hono();

// GET /graphql and GET /: the GraphiQL explorer, served offline (before Ponder's CDN-based page).
app.route("/", explorer);
// SQL over HTTP for @ponder/client (read-only, limited to the indexer's tables).
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));
app.use("/", graphql({ db, schema }));

export default app;
