import type { Address } from "viem";
import { formatBoon } from "../../lib/amount.ts";
import { shortAddress } from "../../lib/format.ts";
import { ChoiceOption } from "./ChoiceOption.tsx";
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
      <ChoiceOption
        name="pay"
        checked={payWith === "wallet"}
        onSelect={() => onChange("wallet")}
        title="Wallet"
        hint={address ? shortAddress(address) : "Not connected"}
      />
      <ChoiceOption
        name="pay"
        checked={payWith === "credits"}
        onSelect={() => onChange("credits")}
        title="Credits"
        hint={
          signedIn ? (credits !== undefined ? `${formatBoon(credits)} BOON` : "…") : "Sign in first"
        }
      />
    </fieldset>
  );
}
