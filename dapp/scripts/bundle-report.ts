/** One chunk of Vite's build manifest (`dist/.vite/manifest.json`). */
export type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

/** Every JS file a chunk loads before it runs: itself and its static imports, transitively. */
export function staticClosure(
  manifest: Manifest,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

export type RouteCost = { route: string; files: string[]; bytes: number };

/**
 * The JavaScript of the first load (the entry's static closure) and, per lazy page, what opening it
 * adds on top. `size` gives a file's cost (gzip bytes in the bench).
 */
export function routeCosts(
  manifest: Manifest,
  pages: Record<string, string>,
  size: (file: string) => number,
): { initial: RouteCost; routes: RouteCost[] } {
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error("the build manifest has no entry chunk");
  const initialFiles = staticClosure(manifest, entryKey);
  const cost = (route: string, files: Iterable<string>): RouteCost => {
    const list = [...files].filter((file) => file.endsWith(".js"));
    return { route, files: list, bytes: list.reduce((sum, file) => sum + size(file), 0) };
  };
  const routes = Object.entries(pages).map(([route, src]) => {
    if (!manifest[src]) throw new Error(`no chunk for ${src} in the build manifest`);
    const extra = [...staticClosure(manifest, src)].filter((file) => !initialFiles.has(file));
    return cost(route, extra);
  });
  return { initial: cost("initial", initialFiles), routes };
}
