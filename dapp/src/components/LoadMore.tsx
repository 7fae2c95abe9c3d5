/** The "Load more" button under a paged list; nothing when there is no next page. */
export function LoadMore({
  more,
  loading,
  onLoad,
}: {
  more: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  if (!more) return null;
  return (
    <button type="button" className="button" disabled={loading} onClick={onLoad}>
      {loading ? "Loading…" : "Load more"}
    </button>
  );
}
