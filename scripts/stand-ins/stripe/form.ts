export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/**
 * Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays, the way Stripe's
 * API reads the official client's requests.
 */
export function parseStripeForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = keyPath(rawKey);
    let node: Record<string, FormValue> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (typeof next === "object" && next !== null && !Array.isArray(next)) {
        node = next;
      } else {
        const created: Record<string, FormValue> = {};
        node[part] = created;
        node = created;
      }
    });
  }
  return arraysFromIndexes(root) as Record<string, FormValue>;
}

function keyPath(key: string): string[] {
  const head = key.split("[", 1)[0] ?? key;
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "");
  return [head, ...rest];
}

/** Objects whose keys are exactly 0..n-1 become arrays. */
function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, arraysFromIndexes(v)] as const);
  const keys = entries.map(([k]) => k);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}
