/**
 * Each page's heading and lead, keyed by the path's first segment. The build paints them into the
 * static shell (route-preload-plugin.ts) so the page reads before its scripts run; the pages render
 * the same text in the same place, so nothing moves when React takes over.
 */
export const pageIntros = {
  "": {
    title: "Gifts that land",
    lead: "Send BOON to a wallet or anyone with a link. They claim it when they are ready.",
    narrow: false,
  },
  send: {
    title: "Send a gift",
    lead: "To a wallet address, or as a claim link anyone you share it with can open.",
    narrow: true,
  },
  claim: {
    title: "You have a gift",
    lead: "Someone sent you BOON. Connect or create a wallet and claim it.",
    narrow: true,
  },
  wallet: {
    title: "Your Boon wallet",
    lead: "A wallet kept in this browser, locked with a passcode you choose. Boon never sees its key.",
    narrow: true,
  },
  activity: {
    title: "Activity",
    lead: "Your purchases, gifts, withdrawals and refunds, and your wallet's gifts from the chain.",
    narrow: false,
  },
  buy: {
    title: "Buy BOON",
    lead: "Pay by card; the BOON lands as credits you can gift or withdraw to a wallet.",
    narrow: true,
  },
  purchases: {
    title: "Purchases",
    lead: "Every card purchase with its receipt: amount, BOON credited, rate, fees and refunds.",
    narrow: true,
  },
  account: {
    title: "Account",
    lead: "Your sign-in, wallets, card limit and identity verification.",
    narrow: true,
  },
  tx: {
    title: "Transaction",
    lead: "What the chain recorded for it: status, block, accounts and Boon events.",
    narrow: true,
  },
} as const;

export type PageKey = keyof typeof pageIntros;
