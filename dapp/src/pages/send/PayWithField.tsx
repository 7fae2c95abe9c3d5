import type { Address } from "viem";
import { formatBoon } from "../../lib/amount.ts";
import { shortAddress } from "../../lib/format.ts";
import type { PayWith } from "./types.ts";

type Props = {
  payWith: PayWith;
  onChange: (payWith: PayWith) => void;
  address: Address | undefined;
  signedIn: boolean;
  credits: bigint | undefined;
};

/** Pay from the connected wallet or from card-bought credits. */
export function PayWithField({ payWith, onChange, address, signedIn, credits }: Props) {
  return (
    <fieldset className="choice compact">
      <legend>Pay with</legend>
      <label className={payWith === "wallet" ? "selected" : ""}>
        <input
          type="radio"
          name="pay"
          checked={payWith === "wallet"}
          onChange={() => onChange("wallet")}
        />
        <span>
          <strong>Wallet</strong>
          <small>{address ? shortAddress(address) : "Not connected"}</small>
        </span>
      </label>
      <label className={payWith === "credits" ? "selected" : ""}>
        <input
          type="radio"
          name="pay"
          checked={payWith === "credits"}
          onChange={() => onChange("credits")}
        />
        <span>
          <strong>Credits</strong>
          <small>
            {signedIn
              ? credits !== undefined
                ? `${formatBoon(credits)} BOON`
                : "…"
              : "Sign in first"}
          </small>
        </span>
      </label>
    </fieldset>
  );
}
