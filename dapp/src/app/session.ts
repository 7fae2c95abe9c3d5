import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address, Hex } from "viem";
import { createSiweMessage } from "viem/siwe";
// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import { ApiError, type Backend } from "../api/backend.ts";
import { useServices } from "./services.tsx";
import { rememberRedirectSignIn, sessionHint } from "./session-hint.ts";

if (typeof window !== "undefined") rememberRedirectSignIn(window.location.search);

export const profileSchema = z.object({
  id: z.string(),
  email: z.nullable(z.string()),
  role: z.string(),
  wallets: z.array(z.object({ address: z.string(), linkedAt: z.string() })),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

const sessionSchema = z.object({ user: profileSchema });
const nonceSchema = z.object({
  nonce: z.string(),
  expiresAt: z.string(),
  domain: z.string(),
  chainId: z.int(),
});

/** The profile, or null when signed out; asks the backend only when a session may exist. */
async function fetchSession(backend: Backend): Promise<Profile | null> {
  if (!sessionHint.mayExist()) return null;
  try {
    const profile = await backend("/v1/me", profileSchema);
    sessionHint.remember();
    return profile;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      sessionHint.forget();
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null when signed out. */
export function useSession() {
  const { backend } = useServices();
  return useQuery({ queryKey: ["me"], queryFn: () => fetchSession(backend), staleTime: 60_000 });
}

/** A backend read about the signed-in user: asked only while someone is signed in. */
export function useSignedInQuery<T>(
  queryKey: readonly string[],
  read: (backend: Backend) => Promise<T>,
) {
  const { backend } = useServices();
  const session = useSession();
  return useQuery({ queryKey, queryFn: () => read(backend), enabled: Boolean(session.data) });
}

/** An EIP-4361 message for the backend's nonce, domain and chain. */
export async function siweMessage(
  backend: Backend,
  address: Address,
  origin: string,
): Promise<string> {
  const nonce = await backend("/v1/auth/siwe/nonce", nonceSchema);
  return createSiweMessage({
    address,
    chainId: nonce.chainId,
    domain: nonce.domain,
    nonce: nonce.nonce,
    uri: origin,
    version: "1",
    statement: "Sign in to Boon. This costs nothing and sends no transaction.",
    issuedAt: new Date(),
    expirationTime: new Date(nonce.expiresAt),
  });
}

/** Sign-in and wallet linking with SIWE, and email sign-in; each refreshes the session. */
export function useAuthActions() {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const settle = useCallback(() => queryClient.invalidateQueries(), [queryClient]);
  /** A sign-in proof the backend answers with a session (cookies), remembered in this browser. */
  const startSession = useCallback(
    async (path: string, body: Record<string, string>) => {
      await backend(path, sessionSchema, { method: "POST", body });
      sessionHint.remember();
      await settle();
    },
    [backend, settle],
  );

  const signInWithEthereum = useCallback(
    async (address: Address, sign: (message: string) => Promise<Hex>, link = false) => {
      const message = await siweMessage(backend, address, window.location.origin);
      const signature = await sign(message);
      if (link) {
        await backend("/v1/me/wallets", z.unknown(), {
          method: "POST",
          body: { message, signature },
        });
        await settle();
      } else {
        await startSession("/v1/auth/siwe/verify", { message, signature });
      }
    },
    [backend, settle, startSession],
  );

  const startEmail = useCallback(
    (email: string) =>
      backend("/v1/auth/email/start", z.object({ sent: z.literal(true) }), {
        method: "POST",
        body: { email },
      }),
    [backend],
  );

  const verifyEmail = useCallback(
    (email: string, code: string) => startSession("/v1/auth/email/verify", { email, code }),
    [startSession],
  );

  const signOut = useCallback(async () => {
    await backend("/v1/auth/logout", z.unknown(), { method: "POST" });
    sessionHint.forget();
    queryClient.setQueryData(["me"], null);
    await settle();
  }, [backend, queryClient, settle]);

  return { signInWithEthereum, startEmail, verifyEmail, signOut };
}
