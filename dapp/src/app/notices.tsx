import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";

/** Successes and infos fade after this; pending and errors stay until dismissed or updated. */
export const NOTICE_TTL_MS = 8_000;

export type NoticeTone = "pending" | "success" | "error" | "info";
export type Notice = {
  id: number;
  tone: NoticeTone;
  title: string;
  message?: string;
  hash?: string;
};
type NoticeInput = Omit<Notice, "id">;

type NoticesApi = {
  notify: (notice: NoticeInput) => number;
  update: (id: number, notice: NoticeInput) => void;
  dismiss: (id: number) => void;
};

const NoticesContext = createContext<NoticesApi | null>(null);
let nextId = 1;

/** Transaction and error notices, announced to screen readers through live regions. */
export function NoticesProvider({
  children,
  explorerTx,
}: {
  children: ReactNode;
  explorerTx?: (hash: string) => string | null;
}) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback(
    (id: number) => setNotices((all) => all.filter((n) => n.id !== id)),
    [],
  );
  const notify = useCallback((notice: NoticeInput) => {
    const id = nextId++;
    setNotices((all) => [...all.slice(-4), { ...notice, id }]);
    return id;
  }, []);
  const update = useCallback(
    (id: number, notice: NoticeInput) =>
      setNotices((all) => all.map((n) => (n.id === id ? { ...notice, id } : n))),
    [],
  );
  useEffect(() => {
    const timers = notices
      .filter((n) => n.tone === "success" || n.tone === "info")
      .map((n) => setTimeout(() => dismiss(n.id), NOTICE_TTL_MS));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  const api = useMemo(() => ({ notify, update, dismiss }), [notify, update, dismiss]);
  const polite = notices.filter((n) => n.tone !== "error");
  const urgent = notices.filter((n) => n.tone === "error");
  const render = (n: Notice) => (
    <li key={n.id} className={`notice notice-${n.tone}`}>
      <span className="notice-icon" aria-hidden="true" />
      <div className="notice-body">
        <strong>{n.title}</strong>
        {n.message ? <p>{n.message}</p> : null}
        {n.hash ? (
          <p className="mono small">
            {explorerTx?.(n.hash) ? (
              <a href={explorerTx(n.hash) ?? undefined} target="_blank" rel="noreferrer">
                {n.hash}
              </a>
            ) : (
              <>Tx {n.hash}</>
            )}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="icon-button"
        onClick={() => dismiss(n.id)}
        aria-label="Dismiss notice"
      >
        ×
      </button>
    </li>
  );
  return (
    <NoticesContext value={api}>
      {children}
      <div className="notices">
        <ul aria-live="polite" aria-label="Notices">
          {polite.map(render)}
        </ul>
        <ul aria-live="assertive" aria-label="Errors">
          {urgent.map(render)}
        </ul>
      </div>
    </NoticesContext>
  );
}

export function useNotices(): NoticesApi {
  const api = useContext(NoticesContext);
  if (!api) throw new Error("useNotices outside NoticesProvider");
  return api;
}
