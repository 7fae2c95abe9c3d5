import { GiftKind, giftVaultAbi } from "@boon/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { Address, Hex } from "viem";
import { useConfig, useConnection, useReadContract } from "wagmi";
import { ApiError } from "../api/backend.ts";
import { createCreditGift } from "../api/gifts.ts";
import { useCredits, useWalletBalance } from "../app/data.ts";
import { useNotices } from "../app/notices.tsx";
import { addOptimisticGifts } from "../app/optimistic.ts";
import { Link } from "../app/router.tsx";
import { useServices } from "../app/services.tsx";
import { useSession } from "../app/session.ts";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { QrCode } from "../components/QrCode.tsx";
import { formatBoon } from "../lib/amount.ts";
import { parseBatch } from "../lib/batch.ts";
import { claimLinkUrl, newLinkKey } from "../lib/claim-link.ts";
import { describeError } from "../lib/contract-errors.ts";
import { shortAddress } from "../lib/format.ts";
import {
  DAY,
  expiryChoices,
  type GiftFormInput,
  MESSAGE_MAX,
  validateGiftForm,
} from "../lib/gift-form.ts";
import { useTransaction } from "../tx/use-transaction.ts";
import {
  approveVault,
  batchRequest,
  type Permit,
  prepareFunding,
  sendBatch,
  sendGift,
  sentGiftRows,
} from "../wallet/gift-actions.ts";
import type { WagmiConfig } from "../wallet/wagmi.ts";

type Field = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: {
    id: string;
    "aria-describedby": string;
    "aria-invalid": boolean;
  }) => React.ReactNode;
};

function FormField({ id, label, error, hint, children }: Field) {
  const described = `${id}-note`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": described, "aria-invalid": Boolean(error) })}
      <p id={described} className={error ? "field-error" : "field-hint"}>
        {error ?? hint ?? ""}
      </p>
    </div>
  );
}

/** What was just sent: the claim links (their key finds the gift) and how many were delivered. */
type Created = {
  links: { url: string; amount: bigint }[];
  delivered: number;
  note?: string;
};

/** Shown once after sending: the claim links and their QR codes. */
function SentPanel({ created, onDone }: { created: Created; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="card sent-panel" role="status">
      <h2>Sent</h2>
      {created.note ? <p>{created.note}</p> : null}
      {created.delivered > 0 ? (
        <p>
          {created.delivered === 1
            ? "The gift was delivered."
            : `${created.delivered} gifts were delivered.`}
        </p>
      ) : null}
      {created.links.length > 0 ? (
        <>
          <p className="warning-box">
            Copy {created.links.length === 1 ? "this link" : "these links"} now:{" "}
            {created.links.length === 1 ? "it is" : "they are"} shown only once, and whoever holds a
            link can claim its gift.
          </p>
          <ul className="link-list">
            {created.links.map((link, index) => (
              <li key={link.url}>
                {created.links.length === 1 ? (
                  <QrCode text={link.url} label="QR code of the claim link" />
                ) : null}
                <div className="link-row">
                  <input
                    readOnly
                    value={link.url}
                    aria-label={
                      created.links.length === 1 ? "Claim link" : `Claim link ${index + 1}`
                    }
                    data-testid="claim-link"
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      void navigator.clipboard?.writeText(link.url);
                      setCopied(link.url);
                    }}
                  >
                    {copied === link.url ? "Copied" : "Copy"}
                  </button>
                </div>
                <p className="muted small">
                  {created.links.length === 1 ? "Gift" : `Gift ${index + 1}`} ·{" "}
                  {formatBoon(link.amount)} BOON
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="row">
        <button type="button" className="button primary" onClick={onDone}>
          Send another
        </button>
        <Link href="/activity" className="button">
          See activity
        </Link>
      </div>
    </div>
  );
}

export default function SendPage() {
  const { config, backend } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const { notify } = useNotices();
  const run = useTransaction();
  const { address } = useConnection();
  const session = useSession();
  const balance = useWalletBalance(address);
  const credits = useCredits();
  const formId = useId();
  const bounds = useReadContract({
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "expiryBounds",
  });
  const choices = expiryChoices(
    bounds.data ? { minDuration: bounds.data[0], maxDuration: bounds.data[1] } : undefined,
  );

  const [mode, setMode] = useState<"single" | "batch">("single");
  const [payWith, setPayWith] = useState<"wallet" | "credits">("wallet");
  const [input, setInput] = useState<GiftFormInput>({
    kind: "address",
    to: "",
    amount: "",
    message: "",
    postUrl: "",
    expiryDays: 7,
  });
  const [batchText, setBatchText] = useState("");
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const set = (patch: Partial<GiftFormInput>) => setInput((current) => ({ ...current, ...patch }));
  const expiryDays = choices.includes(input.expiryDays) ? input.expiryDays : (choices.at(-1) ?? 7);

  /** Lets the vault pull `amount` (permit, allowance or approve) and sends with `send`. */
  async function fund(
    owner: Address,
    amount: bigint,
    label: string,
    send: (permit: Permit | null) => Promise<Hex>,
  ) {
    const funding = await prepareFunding(wagmi, config, owner, amount);
    if (funding.kind === "approve")
      await run("Approving BOON", () => approveVault(wagmi, config, amount));
    return run(label, () => send(funding.kind === "permit" ? funding.permit : null));
  }

  async function submitSingle(owner: Address) {
    const result = validateGiftForm({ ...input, expiryDays }, Date.now() / 1000, owner);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    const values = result.values;
    if (payWith === "credits") {
      const request =
        values.kind === "address"
          ? {
              kind: "address" as const,
              to: values.to as Address,
              amount: values.amount,
              postId: values.postId,
              message: values.message,
            }
          : {
              kind: "link" as const,
              amount: values.amount,
              postId: values.postId,
              message: values.message,
              expiresInSeconds: expiryDays * DAY,
            };
      const gift = await createCreditGift(backend, request, crypto.randomUUID());
      const secret = gift.link?.secret;
      const url =
        gift.link?.claimUrl ?? (secret ? `${window.location.origin}/claim#key=${secret}` : null);
      setCreated({
        links: url ? [{ amount: values.amount, url }] : [],
        delivered: 0,
        note: "Boon is sending it from your credits; it shows in Activity once it is on chain.",
      });
      await queryClient.invalidateQueries({ queryKey: ["credits"] });
      return;
    }
    const linkKey = values.kind === "link" ? newLinkKey() : null;
    const to = (values.to ?? linkKey?.address) as Address;
    const receipt = await fund(
      owner,
      values.amount,
      values.kind === "link" ? "Creating the claim link" : "Sending the gift",
      (permit) => sendGift(wagmi, config, { ...values, to }, permit),
    );
    addOptimisticGifts(queryClient, sentGiftRows(receipt));
    setCreated({
      delivered: values.kind === "address" ? 1 : 0,
      links: linkKey
        ? [{ amount: values.amount, url: claimLinkUrl(window.location.origin, linkKey.privateKey) }]
        : [],
    });
  }

  async function submitBatch(owner: Address) {
    const parsed = parseBatch(batchText);
    if (!parsed.ok) return setErrors({ batch: parsed.errors.join(" ") });
    const result = validateGiftForm(
      { ...input, kind: "link", to: "", amount: "1", expiryDays },
      Date.now() / 1000,
    );
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    const keys = parsed.entries.map((entry) =>
      entry.kind === GiftKind.Link ? newLinkKey() : null,
    );
    const requests = parsed.entries.map((entry, index) =>
      entry.kind === GiftKind.Address
        ? batchRequest("address", entry.to, entry.amount)
        : batchRequest("link", keys[index]?.address as Address, entry.amount),
    );
    const { expiry, context, message } = result.values;
    const receipt = await fund(owner, parsed.total, `Sending ${requests.length} gifts`, (permit) =>
      sendBatch(wagmi, config, requests, { expiry, context, message }, permit),
    );
    addOptimisticGifts(queryClient, sentGiftRows(receipt));
    const links = parsed.entries.flatMap((entry, index) => {
      const key = keys[index];
      return key
        ? [{ amount: entry.amount, url: claimLinkUrl(window.location.origin, key.privateKey) }]
        : [];
    });
    setCreated({ links, delivered: parsed.entries.length - links.length });
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!address && payWith === "wallet") return;
    setBusy(true);
    try {
      if (mode === "single") await submitSingle(address as Address);
      else await submitBatch(address as Address);
      void queryClient.invalidateQueries({ queryKey: ["readContract"] });
    } catch (error) {
      if (error instanceof ApiError)
        notify({ tone: "error", title: "Could not send from credits", message: error.message });
      else if (!(error instanceof Error && error.name === "TransactionFailed")) {
        // Wallet and contract errors were already reported by the transaction notice.
        const described = describeError(error);
        if (!String(described.title).startsWith("Cancelled"))
          setErrors((e) => ({ ...e, form: described.message }));
      }
    } finally {
      setBusy(false);
    }
  }

  async function loadCsv(file: File | undefined) {
    if (file) setBatchText(await file.text());
  }

  if (created) {
    return (
      <section className="page narrow">
        <PageIntro page="send" />
        <SentPanel
          created={created}
          onDone={() => {
            setCreated(null);
            set({ to: "", amount: "", message: "", postUrl: "" });
            setBatchText("");
          }}
        />
      </section>
    );
  }

  const needsWallet = payWith === "wallet" && !address;
  return (
    <section className="page narrow">
      <PageIntro page="send" />
      <fieldset className="segmented">
        <legend className="visually-hidden">How many gifts</legend>
        {(["single", "batch"] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            className={mode === m ? "active" : ""}
            onClick={() => setMode(m)}
          >
            {m === "single" ? "One gift" : "Many (CSV)"}
          </button>
        ))}
      </fieldset>
      <form
        className="card form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-describedby={`${formId}-summary`}
      >
        {mode === "single" ? (
          <>
            <fieldset className="choice">
              <legend>Send to</legend>
              <label className={input.kind === "address" ? "selected" : ""}>
                <input
                  type="radio"
                  name="kind"
                  checked={input.kind === "address"}
                  onChange={() => set({ kind: "address" })}
                />
                <span>
                  <strong>A wallet address</strong>
                  <small>Arrives at once</small>
                </span>
              </label>
              <label className={input.kind === "link" ? "selected" : ""}>
                <input
                  type="radio"
                  name="kind"
                  checked={input.kind === "link"}
                  onChange={() => set({ kind: "link" })}
                />
                <span>
                  <strong>A claim link</strong>
                  <small>Anyone you share it with can claim</small>
                </span>
              </label>
            </fieldset>
            {input.kind === "address" ? (
              <FormField id={`${formId}-to`} label="Recipient address" error={errors.to}>
                {(props) => (
                  <input
                    {...props}
                    value={input.to}
                    onChange={(e) => set({ to: e.target.value })}
                    placeholder="0x…"
                    autoComplete="off"
                    spellCheck={false}
                    className="mono"
                  />
                )}
              </FormField>
            ) : null}
            <FormField
              id={`${formId}-amount`}
              label="Amount (BOON)"
              error={errors.amount}
              hint={
                payWith === "wallet"
                  ? balance.data !== undefined
                    ? `You have ${formatBoon(balance.data)} BOON in your wallet.`
                    : undefined
                  : credits.data
                    ? `You have ${formatBoon(credits.data.balance)} BOON in credits.`
                    : undefined
              }
            >
              {(props) => (
                <input
                  {...props}
                  value={input.amount}
                  onChange={(e) => set({ amount: e.target.value })}
                  inputMode="decimal"
                  placeholder="10"
                  autoComplete="off"
                />
              )}
            </FormField>
          </>
        ) : (
          <FormField
            id={`${formId}-batch`}
            label="Recipients and amounts"
            error={errors.batch}
            hint='One a line: "address, amount" or "link, amount" (a claim link is made for each). Paste or load a CSV file.'
          >
            {(props) => (
              <>
                <textarea
                  {...props}
                  rows={6}
                  value={batchText}
                  onChange={(e) => setBatchText(e.target.value)}
                  className="mono"
                  placeholder={"0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc, 5\nlink, 2.5"}
                />
                <input
                  type="file"
                  accept=".csv,text/csv,text/plain"
                  aria-label="Load a CSV file"
                  onChange={(e) => void loadCsv(e.target.files?.[0])}
                />
              </>
            )}
          </FormField>
        )}
        <FormField
          id={`${formId}-message`}
          label="Message (optional)"
          error={errors.message}
          hint={`${input.message.length}/${MESSAGE_MAX}`}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={input.message}
              onChange={(e) => set({ message: e.target.value })}
              maxLength={MESSAGE_MAX + 20}
            />
          )}
        </FormField>
        <FormField
          id={`${formId}-post`}
          label="X post it answers (optional)"
          error={errors.postUrl}
          hint="Paste the post's link; it is recorded with the gift."
        >
          {(props) => (
            <input
              {...props}
              value={input.postUrl}
              onChange={(e) => set({ postUrl: e.target.value })}
              placeholder="https://x.com/name/status/…"
              inputMode="url"
              autoComplete="off"
            />
          )}
        </FormField>
        {input.kind === "link" || mode === "batch" ? (
          <FormField
            id={`${formId}-expiry`}
            label="Claimable for"
            hint="Unclaimed gifts can be refunded to you after this."
          >
            {(props) => (
              <select
                {...props}
                value={expiryDays}
                onChange={(e) => set({ expiryDays: Number(e.target.value) })}
              >
                {choices.map((days) => (
                  <option key={days} value={days}>
                    {days === 1 ? "1 day" : `${days} days`}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        {mode === "single" ? (
          <fieldset className="choice compact">
            <legend>Pay with</legend>
            <label className={payWith === "wallet" ? "selected" : ""}>
              <input
                type="radio"
                name="pay"
                checked={payWith === "wallet"}
                onChange={() => setPayWith("wallet")}
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
                onChange={() => setPayWith("credits")}
              />
              <span>
                <strong>Credits</strong>
                <small>
                  {session.data
                    ? credits.data
                      ? `${formatBoon(credits.data.balance)} BOON`
                      : "…"
                    : "Sign in first"}
                </small>
              </span>
            </label>
          </fieldset>
        ) : null}
        <p
          id={`${formId}-summary`}
          className="field-error"
          role={errors.form ? "alert" : undefined}
        >
          {errors.form ?? ""}
        </p>
        {needsWallet ? (
          <ConnectPrompt
            title="Connect to send"
            text="Gifts paid from a wallet need it connected."
          />
        ) : payWith === "credits" && !session.data ? (
          <p>
            <Link href="/account">Sign in</Link> to pay with credits.
          </p>
        ) : (
          <button type="submit" className="button primary large" disabled={busy}>
            {busy
              ? "Sending…"
              : mode === "batch"
                ? "Send all"
                : input.kind === "link"
                  ? "Create claim link"
                  : "Send gift"}
          </button>
        )}
        <p className="muted small">
          BOON supports permits: you sign once instead of approving in a separate transaction.
        </p>
      </form>
    </section>
  );
}
