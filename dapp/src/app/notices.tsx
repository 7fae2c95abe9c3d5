import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { TxHash } from "../components/TxHash.tsx";

/** Successes and infos fade after this; pending and errors stay until dismissed or updated. */
export const NOTICE_TTL_MS = 8_000;

export type NoticeTone = "pending" | "success" | "error" | "info";
export type Notice = {
  id: number;
  tone: NoticeTone;
  title: string;
  message?: string;
  hash?: string;
  /** The fix the message names, offered as a button (e.g. "Approve" for a short allowance). */
  action?: { label: string; run: () => void };
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
  const tray = useReservedSpace();
  const render = (n: Notice) => (
    <NoticeItem key={n.id} notice={n} explorerTx={explorerTx} dismiss={dismiss} />
  );
  return (
    <NoticesContext value={api}>
      {children}
      <div className="notices" ref={tray}>
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

function NoticeItem({
  notice: n,
  explorerTx,
  dismiss,
}: {
  notice: Notice;
  explorerTx: ((hash: string) => string | null) | undefined;
  dismiss: (id: number) => void;
}) {
  return (
    <li className={`notice notice-${n.tone}`}>
      <span className="notice-icon" aria-hidden="true" />
      <div className="notice-body">
        <strong>{n.title}</strong>
        {n.message ? <p>{n.message}</p> : null}
        {n.hash ? (
          <p className="small">
            <TxHash hash={n.hash} href={explorerTx?.(n.hash) ?? null} />
          </p>
        ) : null}
        {n.action ? (
          <button
            type="button"
            className="button small primary notice-action"
            onClick={() => {
              dismiss(n.id);
              n.action?.run();
            }}
          >
            {n.action.label}
          </button>
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
}

/**
 * Publishes the tray's height as `--notices-space` so the page leaves that much room at its end:
 * whatever a notice floats over can always be scrolled clear of it.
 */
function useReservedSpace() {
  const tray = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = tray.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() =>
      root.setProperty("--notices-space", `${Math.ceil(element.offsetHeight)}px`),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty("--notices-space");
    };
  }, []);
  return tray;
}

export function useNotices(): NoticesApi {
  const api = useContext(NoticesContext);
  if (!api) throw new Error("useNotices outside NoticesProvider");
  return api;
}
