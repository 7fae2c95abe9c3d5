import { createClient } from "@ponder/client";
import pg from "pg";
import * as schema from "../../ponder.schema.ts";

/** Runs a GraphQL query and fails on any GraphQL error. */
export async function graphql<T = Record<string, { items: Record<string, unknown>[] }>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length)
    throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
  if (!body.data) throw new Error(`GraphQL: no data (HTTP ${response.status})`);
  return body.data;
}

/** The typed SQL-over-HTTP client analysts use (@ponder/client). */
export const sqlClient = (sqlUrl: string) => createClient(sqlUrl, { schema });

/** Runs plain SQL, as an analyst's SQL tool would against the `onchain` views. */
export async function plainSql<T extends pg.QueryResultRow>(
  databaseUrl: string,
  text: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

export { schema };
