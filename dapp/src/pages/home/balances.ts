/** What a balance card shows: the value (or a placeholder) and the line under it. */
export type BalanceView = { value: string; hint: string };

type Query<T> = { isPending: boolean; isError: boolean; data: T | undefined };

/** The credits card: checking the session, signed out, loading, unreachable, or the balance. */
export function creditsView(session: Query<unknown | null>, credits: Query<string>): BalanceView {
  if (session.isError) return { value: "—", hint: "Boon's server cannot be reached right now." };
  if (session.isPending) return { value: "…", hint: "Checking your sign-in…" };
  if (!session.data) return { value: "—", hint: "Sign in on Account to see them" };
  if (credits.isError) return { value: "—", hint: "Your credits cannot be loaded right now." };
  if (credits.data === undefined) return { value: "…", hint: "Loading your credits…" };
  return { value: credits.data, hint: "Bought by card, held by Boon" };
}

/** The wallet card: not connected, loading, unreadable, or the balance. */
export function walletView(connected: boolean, balance: Query<string>): BalanceView {
  if (!connected) return { value: "—", hint: "Connect a wallet to see it" };
  if (balance.isError) return { value: "—", hint: "The chain cannot be read right now." };
  if (balance.data === undefined) return { value: "…", hint: "Loading your balance…" };
  return { value: balance.data, hint: "On chain, in your connected wallet" };
}
