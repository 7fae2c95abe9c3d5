import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "@boon/contracts";
import { formatEther, type Hash, isHash, parseEventLogs, type TransactionReceipt } from "viem";
import { useTransaction, useTransactionReceipt } from "wagmi";
import { usePath } from "../app/router.tsx";
import { CopyButton } from "../components/CopyButton.tsx";
import { PageIntro } from "../components/PageIntro.tsx";

const boonAbis = [...giftVaultAbi, ...boonTokenAbi, ...rewardDistributorAbi];

/** The hash in /tx/<hash>, when it is one. */
export function hashFromPath(path: string): Hash | null {
  const candidate = path.split(/[?#]/)[0]?.split("/")[2] ?? "";
  return isHash(candidate) ? candidate : null;
}

/** The Boon contracts' events in a receipt, by name (other contracts' logs are counted apart). */
export function boonEvents(receipt: TransactionReceipt): { names: string[]; other: number } {
  const parsed = parseEventLogs({ abi: boonAbis, logs: receipt.logs });
  return { names: parsed.map((log) => log.eventName), other: receipt.logs.length - parsed.length };
}

function Receipt({ hash }: { hash: Hash }) {
  const receipt = useTransactionReceipt({ hash });
  const tx = useTransaction({ hash });
  if (receipt.isPending) return <p role="status">Looking the transaction up…</p>;
  if (receipt.isError || !receipt.data)
    return (
      <p className="field-error" role="alert">
        This chain has no transaction with that hash (yet). If it was just sent, wait a moment and
        reload.
      </p>
    );
  const r = receipt.data;
  const events = boonEvents(r);
  return (
    <dl className="facts" data-testid="tx-facts">
      <dt>Status</dt>
      <dd>{r.status === "success" ? "Confirmed" : "Failed (reverted)"}</dd>
      <dt>Block</dt>
      <dd>{r.blockNumber.toString()}</dd>
      <dt>From</dt>
      <dd className="mono wrap">{r.from}</dd>
      <dt>To</dt>
      <dd className="mono wrap">{r.to ?? r.contractAddress ?? "—"}</dd>
      <dt>Value</dt>
      <dd>{tx.data ? `${formatEther(tx.data.value)} ETH` : "…"}</dd>
      <dt>Gas used</dt>
      <dd>{r.gasUsed.toString()}</dd>
      <dt>Events</dt>
      <dd>
        {events.names.length > 0 ? events.names.join(", ") : "None from Boon"}
        {events.other > 0 ? ` (and ${events.other} other)` : null}
      </dd>
    </dl>
  );
}

/** A minimal transaction page for chains without a block explorer (the local chain). */
export default function TxPage() {
  const hash = hashFromPath(usePath());
  return (
    <section className="page narrow">
      <PageIntro page="tx" />
      <div className="card">
        {hash ? (
          <>
            <p className="mono wrap small">
              {hash} <CopyButton text={hash} />
            </p>
            <Receipt hash={hash} />
          </>
        ) : (
          <p className="field-error">That is not a transaction hash (0x and 64 hex characters).</p>
        )}
      </div>
    </section>
  );
}
