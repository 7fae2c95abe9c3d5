import { useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { ApiError } from "../../api/backend.ts";
import { useNotices } from "../../app/notices.tsx";
import { useServices } from "../../app/services.tsx";
import { parseBatch } from "../../lib/batch.ts";
import { describeError } from "../../lib/contract-errors.ts";
import { validateGiftForm } from "../../lib/gift-form.ts";
import { useTransaction } from "../../tx/use-transaction.ts";
import type { WagmiConfig } from "../../wallet/wagmi.ts";
import {
  type SendDeps,
  sendBatchFromWallet,
  sendFromCredits,
  sendFromWallet,
} from "./send-gifts.ts";
import { sendToX, XRecipientError } from "./send-to-x.ts";
import type { SendForm } from "./use-send-form.ts";

function useSendDeps(): SendDeps {
  const { config, backend } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  return { wagmi, config, backend, queryClient, run };
}

/** The form's submit handler: validates, sends one gift or a batch, and reports what failed. */
export function useSendSubmit(form: SendForm, address: Address | undefined) {
  const deps = useSendDeps();
  const { notify } = useNotices();
  const { input, expiryDays, payWith, setErrors, setCreated } = form;

  async function submitSingle(owner: Address) {
    const result = validateGiftForm({ ...input, expiryDays }, Date.now() / 1000, owner);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    const { values } = result;
    if (values.kind === "x")
      return setCreated(await sendToX(deps, payWith, owner, input.to, values, expiryDays));
    if (payWith === "credits") {
      setCreated(await sendFromCredits(deps, result.values, expiryDays));
      await deps.queryClient.invalidateQueries({ queryKey: ["credits"] });
      return;
    }
    setCreated(await sendFromWallet(deps, owner, { ...values, kind: values.kind }));
  }

  async function submitBatch(owner: Address) {
    const parsed = parseBatch(form.batchText);
    if (!parsed.ok) return setErrors({ batch: parsed.errors.join(" ") });
    const result = validateGiftForm(
      { ...input, kind: "link", to: "", amount: "1", expiryDays },
      Date.now() / 1000,
    );
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    setCreated(await sendBatchFromWallet(deps, owner, parsed, result.values));
  }

  function report(error: unknown) {
    if (error instanceof XRecipientError) setErrors((e) => ({ ...e, to: error.message }));
    else if (error instanceof ApiError)
      notify({ tone: "error", title: "Could not send from credits", message: error.message });
    else if (!(error instanceof Error && error.name === "TransactionFailed")) {
      // Wallet and contract errors were already reported by the transaction notice.
      const described = describeError(error);
      if (!String(described.title).startsWith("Cancelled"))
        setErrors((e) => ({ ...e, form: described.message }));
    }
  }

  return async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!address && payWith === "wallet") return;
    form.setBusy(true);
    try {
      if (form.mode === "single") await submitSingle(address as Address);
      else await submitBatch(address as Address);
      void deps.queryClient.invalidateQueries({ queryKey: ["readContract"] });
    } catch (error) {
      report(error);
    } finally {
      form.setBusy(false);
    }
  };
}
