import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { fetchDeliveries } from "../api/deliveries.ts";
import { anyInFlight } from "../lib/delivery.ts";
import { useServices } from "./services.tsx";
import { useSession } from "./session.ts";

/** How often the list refreshes while a delivery is queued or being sent. */
export const DELIVERY_POLL_MS = 2_000;

/** The signed-in user's withdrawals and credit-paid gifts, page by page, polled while in flight. */
export function useDeliveries(pageSize = 10) {
  const { backend } = useServices();
  const session = useSession();
  const query = useInfiniteQuery({
    queryKey: ["deliveries", pageSize],
    queryFn: ({ pageParam }) => fetchDeliveries(backend, pageParam, pageSize),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: Boolean(session.data),
    refetchInterval: (q) =>
      anyInFlight(q.state.data?.pages.flatMap((page) => page.items) ?? [])
        ? DELIVERY_POLL_MS
        : false,
  });
  const deliveries = useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? [],
    [query.data],
  );
  return { ...query, deliveries };
}
