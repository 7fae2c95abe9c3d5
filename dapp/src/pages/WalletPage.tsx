import { useState } from "react";
import { Link, usePath } from "../app/router.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { CreateWalletFlow } from "../wallet/new-wallet/CreateWalletFlow.tsx";
import { RestoreWalletFlow } from "../wallet/new-wallet/RestoreWalletFlow.tsx";

/** /wallet/new creates a Boon wallet on this device; /wallet/restore brings one back. */
export default function WalletPage() {
  const path = usePath();
  const restoring = path.startsWith("/wallet/restore");
  const [ready, setReady] = useState(false);
  return (
    <section className="page narrow">
      <PageIntro page="wallet" />
      {restoring ? (
        <RestoreWalletFlow onRestored={() => setReady(true)} connectAfter />
      ) : (
        <CreateWalletFlow onCreated={() => setReady(true)} connectAfter />
      )}
      {ready ? (
        <p>
          <Link href="/" className="button primary">
            Go to your balance
          </Link>
        </p>
      ) : (
        <p className="muted small">
          {restoring ? (
            <>
              No wallet yet? <Link href="/wallet/new">Create a Boon wallet</Link>.
            </>
          ) : (
            <>
              Have a recovery phrase or keystore file?{" "}
              <Link href="/wallet/restore">Restore a wallet</Link>.
            </>
          )}
        </p>
      )}
    </section>
  );
}
