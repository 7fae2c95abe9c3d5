import { giftVaultAbi } from "@boon/contracts";
import { useState } from "react";
import { useConnection, useReadContract } from "wagmi";
import { useServices } from "../../app/services.tsx";
import { useSession } from "../../app/session.ts";
import type { ErrorFix } from "../../lib/contract-errors.ts";
import { expiryChoices, type GiftFormInput } from "../../lib/gift-form.ts";
import type { Created, FormErrors, PayWith, SendMode } from "./types.ts";

const EMPTY: GiftFormInput = {
  kind: "address",
  to: "",
  amount: "",
  message: "",
  postUrl: "",
  expiryDays: 7,
};

/**
 * How a gift is paid unless the sender chose: a batch only from a wallet; otherwise the wallet when
 * one is connected, else credits for a signed-in user (a card user never needs a wallet to send).
 */
export function defaultPayWith(mode: SendMode, hasWallet: boolean, signedIn: boolean): PayWith {
  if (mode === "batch" || hasWallet) return "wallet";
  return signedIn ? "credits" : "wallet";
}

/** The send form's state: what is typed, how it is paid, errors, and what was just sent. */
export function useSendForm() {
  const { config } = useServices();
  const bounds = useReadContract({
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "expiryBounds",
  });
  const choices = expiryChoices(
    bounds.data ? { minDuration: bounds.data[0], maxDuration: bounds.data[1] } : undefined,
  );
  const [mode, setMode] = useState<SendMode>("single");
  const { address } = useConnection();
  const session = useSession();
  const [chosenPayWith, setPayWith] = useState<PayWith | null>(null);
  const payWith =
    mode === "batch"
      ? "wallet"
      : (chosenPayWith ?? defaultPayWith(mode, Boolean(address), Boolean(session.data)));
  const [input, setInput] = useState<GiftFormInput>(EMPTY);
  const [batchText, setBatchText] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [fix, setFix] = useState<ErrorFix | null>(null);
  const set = (patch: Partial<GiftFormInput>) => setInput((current) => ({ ...current, ...patch }));
  // The vault's bounds may rule out the chosen duration; fall back to the longest allowed.
  const expiryDays = choices.includes(input.expiryDays) ? input.expiryDays : (choices.at(-1) ?? 7);
  const reset = () => {
    setCreated(null);
    set({ to: "", amount: "", message: "", postUrl: "" });
    setBatchText("");
  };
  return {
    ...{ mode, setMode, payWith, setPayWith, input, set, batchText, setBatchText, address },
    ...{ errors, setErrors, busy, setBusy, created, setCreated, choices, expiryDays, reset },
    ...{ fix, setFix, signedIn: Boolean(session.data) },
  };
}

export type SendForm = ReturnType<typeof useSendForm>;
