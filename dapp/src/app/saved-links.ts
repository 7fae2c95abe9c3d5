import { type QueryClient, useQuery } from "@tanstack/react-query";
import { parseClaimLink } from "../lib/claim-link.ts";
import { linkVault } from "../lib/link-vault.ts";

const KEY = ["saved-links"] as const;

/** Keeps just-created claim links on this device (encrypted) so they can be shared again. */
export async function saveLinks(queryClient: QueryClient, urls: string[]): Promise<void> {
  const vault = linkVault();
  if (!vault) return;
  for (const url of urls) {
    const parsed = parseClaimLink(url);
    if (parsed.ok) await vault.save(parsed.link.linkKey, url);
  }
  await queryClient.invalidateQueries({ queryKey: KEY });
}

/** The claim links this device created, by link key address (lowercase). */
export function useSavedLinks() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await linkVault()?.load()) ?? new Map<string, string>(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
