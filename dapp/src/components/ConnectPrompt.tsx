import { lazy, Suspense, useState } from "react";

const ConnectDialog = lazy(() => import("./ConnectDialog.tsx"));

/** In-page call to connect, for pages that need a wallet. */
export function ConnectPrompt({ title, text }: { title: string; text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="card prompt">
      <h2>{title}</h2>
      <p className="muted">{text}</p>
      <button type="button" className="button primary" onClick={() => setOpen(true)}>
        Connect wallet
      </button>
      {open ? (
        <Suspense fallback={null}>
          <ConnectDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
