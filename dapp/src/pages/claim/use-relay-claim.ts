import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ApiError } from "../../api/backend.ts";
import {
  fetchRelayClaim,
  fetchRelayInfo,
  type RelayClaim,
  type RelayClaimRequest,
  relayClaimSettled,
  relayRefusalMessage,
  submitRelayClaim,
} from "../../api/relay.ts";
import { useServices } from "../../app/services.tsx";

/** Whether Boon pays the gas of claims now, and its custody address (claims into credits). */
export function useRelayInfo() {
  const { backend } = useServices();
  return useQuery({
    queryKey: ["relay"],
    queryFn: () => fetchRelayInfo(backend),
    staleTime: 60_000,
    retry: 1,
  });
}

/** A refusal or failure in the claimer's words. */
export function relayErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return relayRefusalMessage(error.code, error.message);
  return error instanceof Error ? error.message : "The claim could not be sent.";
}

/**
 * Submits a gas-free claim and follows it until it is confirmed or failed. One Idempotency-Key per
 * claim attempt, so a double click or a retried request queues one claim.
 */
export function useRelayClaim(onSettled?: (claim: RelayClaim) => void) {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: (request: RelayClaimRequest) =>
      submitRelayClaim(backend, request, crypto.randomUUID()),
  });
  const id = submit.data?.id;
  const status = useQuery({
    queryKey: ["relay-claim", id],
    queryFn: () => fetchRelayClaim(backend, id as string),
    enabled: Boolean(id),
    initialData: submit.data,
    refetchInterval: (query) =>
      query.state.data && relayClaimSettled(query.state.data) ? false : 1_500,
  });
  const claim = status.data ?? submit.data ?? null;
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (!claim || !relayClaimSettled(claim) || reported.current === claim.id) return;
    reported.current = claim.id;
    void queryClient.invalidateQueries({ queryKey: ["credits"] });
    onSettled?.(claim);
  }, [claim, onSettled, queryClient]);
  return {
    claim,
    submit: submit.mutate,
    pending: submit.isPending || Boolean(claim && !relayClaimSettled(claim)),
    error: submit.error ? relayErrorMessage(submit.error) : null,
    reset: submit.reset,
  };
}
