import type { Backend } from "./backend.ts";

/** The backend client, loaded with its validator on the first request rather than with the page. */
export function lazyBackend(baseUrl: string): Backend {
  let client: Promise<Backend> | null = null;
  return (path, schema, options) => {
    client ??= import("./backend.ts").then(({ createBackend }) => createBackend(baseUrl));
    return client.then((request) => request(path, schema, options));
  };
}
