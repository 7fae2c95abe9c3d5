import { useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { ApiError } from "../../api/backend.ts";
import { useNotices } from "../../app/notices.tsx";
import { saveLinks } from "../../app/saved-links.ts";
import { useServices } from "../../app/services.tsx";
import { parseBatch } from "../../lib/batch.ts";
import { resolveBatch } from "../../lib/batch-resolve.ts";
import { describeError } from "../../lib/contract-errors.ts";
import { validateGiftForm } from "../../lib/gift-form.ts";
import { useTransaction } from "../../tx/use-transaction.ts";
import { approveVault } from "../../wallet/gift-actions.ts";
import type { WagmiConfig } from "../../wallet/wagmi.ts";
import {
  type SendDeps,
  sendBatchFromWallet,
  sendFromCredits,
  sendFromWallet,
} from "./send-gifts.ts";
import { sendToX, XRecipientError } from "./send-to-x.ts";
import type { Created } from "./types.ts";
import type { SendForm } from "./use-send-form.ts";

function useSendDeps(): SendDeps {
  const { config, backend } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  // An allowance error names its fix: the notice offers the approval with a button.
  const run = useTransaction({ approve: (amount) => approveVault(wagmi, config, amount) });
  return { wagmi, config, backend, queryClient, run };
}

type Notify = ReturnType<typeof useNotices>["notify"];

/** Says what went wrong where the sender looks, with the fix it names when there is one. */
function reportSendError(error: unknown, form: SendForm, notify: Notify) {
  if (error instanceof XRecipientError) {
    form.setErrors((e) => ({ ...e, to: error.message }));
    return;
  }
  if (error instanceof ApiError) {
    notify({ tone: "error", title: "Could not send from credits", message: error.message });
    return;
  }
  // A transaction mined and reverted was already explained by its notice.
  if (error instanceof Error && error.name === "TransactionFailed") return;
  const described = describeError(error);
  if (described.title.startsWith("Cancelled")) return;
  form.setErrors((e) => ({ ...e, form: described.message }));
  form.setFix(described.fix ?? null);
}

/** The form's submit handler (one gift or a batch) and the fix an error named (approve, resend). */
export function useSendSubmit(form: SendForm, address: Address | undefined) {
  const deps = useSendDeps();
  const { notify } = useNotices();
  const { input, expiryDays, setErrors } = form;
  const created = (result: Created) => {
    form.setCreated(result);
    const urls = result.links.map((link) => link.url);
    // Private browsing may refuse storage; the link is still on screen to copy.
    void saveLinks(deps.queryClient, urls).catch(() => {});
  };

  async function submitSingle(owner: Address) {
    const result = validateGiftForm({ ...input, expiryDays }, Date.now() / 1000, owner);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    const { values } = result;
    if (values.kind === "x")
      return created(await sendToX(deps, form.payWith, owner, input.to, values, expiryDays));
    if (form.payWith === "wallet")
      return created(await sendFromWallet(deps, owner, { ...values, kind: values.kind }));
    created(await sendFromCredits(deps, values, expiryDays));
    await deps.queryClient.invalidateQueries({ queryKey: ["credits"] });
  }

  async function submitBatch(owner: Address) {
    const parsed = parseBatch(form.batchText);
    if (!parsed.ok) return setErrors({ batch: parsed.errors.join(" ") });
    const shared = { ...input, kind: "link" as const, to: "", amount: "1", expiryDays };
    const result = validateGiftForm(shared, Date.now() / 1000);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    const resolved = await resolveBatch(deps.backend, parsed.entries);
    if (!resolved.ok) return setErrors({ batch: resolved.errors.join(" ") });
    created(await sendBatchFromWallet(deps, owner, parsed, result.values, resolved.accounts));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!address && form.payWith === "wallet") return;
    form.setBusy(true);
    form.setFix(null);
    try {
      if (form.mode === "single") await submitSingle(address as Address);
      else await submitBatch(address as Address);
      void deps.queryClient.invalidateQueries({ queryKey: ["readContract"] });
    } catch (error) {
      reportSendError(error, form, notify);
    } finally {
      form.setBusy(false);
    }
  }

  async function applyFix(event: FormEvent) {
    const fix = form.fix;
    if (!fix || !address) return;
    try {
      await deps.run("Approving BOON", () => approveVault(deps.wagmi, deps.config, fix.amount));
    } catch {
      return; // the notice explained it
    }
    form.setFix(null);
    setErrors({});
    await onSubmit(event);
  }

  return { onSubmit, applyFix };
}
