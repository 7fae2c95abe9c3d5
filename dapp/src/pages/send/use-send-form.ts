import { giftVaultAbi } from "@boon/contracts";
import { useState } from "react";
import { useReadContract } from "wagmi";
import { useServices } from "../../app/services.tsx";
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
  const [payWith, setPayWith] = useState<PayWith>("wallet");
  const [input, setInput] = useState<GiftFormInput>(EMPTY);
  const [batchText, setBatchText] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const set = (patch: Partial<GiftFormInput>) => setInput((current) => ({ ...current, ...patch }));
  // The vault's bounds may rule out the chosen duration; fall back to the longest allowed.
  const expiryDays = choices.includes(input.expiryDays) ? input.expiryDays : (choices.at(-1) ?? 7);
  const reset = () => {
    setCreated(null);
    set({ to: "", amount: "", message: "", postUrl: "" });
    setBatchText("");
  };
  return {
    ...{ mode, setMode, payWith, setPayWith, input, set, batchText, setBatchText },
    ...{ errors, setErrors, busy, setBusy, created, setCreated, choices, expiryDays, reset },
  };
}

export type SendForm = ReturnType<typeof useSendForm>;
