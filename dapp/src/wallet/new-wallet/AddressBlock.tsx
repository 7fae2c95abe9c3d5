import { useState } from "react";
import { addressGroups } from "./address-groups.ts";

/** An address to read and compare: grouped in fours, wrapping between groups, with a copy button. */
export function AddressBlock({ address, label = "Address" }: { address: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="address-block">
      <p className="address-label">{label}</p>
      <p className="address-groups mono" data-testid="wallet-address" data-address={address}>
        <span className="visually-hidden">{address}</span>
        {addressGroups(address).map((group, i) => (
          // Position is the identity here: the same group can appear twice in one address.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={i} aria-hidden="true">
            {group}
          </span>
        ))}
      </p>
      <div className="row">
        <button type="button" className="button small" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy address"}
        </button>
        <span role="status" className="muted small">
          {copied === "failed" ? "Copying is blocked here: select the address instead." : ""}
        </span>
      </div>
    </div>
  );
}
