import { giftKindNames } from "@boon/contracts";
import { index, onchainEnum, onchainTable, primaryKey, relations } from "ponder";

// Keys as Ponder's reference examples set them: a row made from one log is keyed by the log's
// `event.id` (globally unique and ordered like the chain), a row about a pair or triple by a
// composite primary key.

/** address | social | link: the vault's `Kind`, by the names @boon/contracts gives them. */
export const giftKind = onchainEnum("gift_kind", giftKindNames);

/** delivered (address gifts) | pending | claimed | refunded */
export const giftStatus = onchainEnum("gift_status", [
  "delivered",
  "pending",
  "claimed",
  "refunded",
]);

/** One row per gift, following it from sent to claimed or refunded. */
export const gift = onchainTable(
  "gift",
  (t) => ({
    /** The send event's id (Ponder's `event.id`); the entries of a batch share it. */
    eventId: t.text().notNull(),
    /** The entry of a batch, 0 for a single gift. */
    entry: t.integer().notNull(),
    /** The vault's id of an escrowed gift (what claims and refunds name); null for address gifts. */
    giftId: t.bigint(),
    kind: giftKind().notNull(),
    token: t.hex().notNull(),
    sender: t.hex().notNull(),
    /** The recipient's address (kind address), social id (bytes32, kind social) or link key address (kind link). */
    recipient: t.hex().notNull(),
    /** What the gift is worth: for an address gift, what the recipient received. */
    amount: t.bigint().notNull(),
    /** Unix seconds after which an escrowed gift can only be refunded; null for address gifts. */
    expiry: t.bigint(),
    /** What the gift answers, e.g. an X post (bytes32); null when none. */
    context: t.hex(),
    message: t.text().notNull(),
    status: giftStatus().notNull(),
    claimedBy: t.hex(),
    /** Who sent the claim or refund transaction. */
    relayer: t.hex(),
    sentBlock: t.bigint().notNull(),
    sentTimestamp: t.bigint().notNull(),
    sentTx: t.hex().notNull(),
    claimedBlock: t.bigint(),
    claimedTimestamp: t.bigint(),
    claimedTx: t.hex(),
    refundedBlock: t.bigint(),
    refundedTimestamp: t.bigint(),
    refundedTx: t.hex(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.eventId, table.entry] }),
    giftIdIdx: index().on(table.giftId),
    senderIdx: index().on(table.sender, table.sentTimestamp),
    recipientIdx: index().on(table.recipient, table.status),
    claimedByIdx: index().on(table.claimedBy),
    contextIdx: index().on(table.context, table.sentTimestamp),
    sentTimestampIdx: index().on(table.sentTimestamp),
  }),
);

/**
 * The row of each open escrowed gift, by its vault id: claims and refunds name only the id, and a
 * sender may reuse a salt (so an id) once its gift has ended.
 */
export const openGift = onchainTable("open_gift", (t) => ({
  giftId: t.bigint().primaryKey(),
  eventId: t.text().notNull(),
  entry: t.integer().notNull(),
}));

/** Per account: BOON balance and activity totals. Volumes are BOON base units. */
export const account = onchainTable("account", (t) => ({
  address: t.hex().primaryKey(),
  boonBalance: t.bigint().notNull().default(0n),
  giftsSentCount: t.integer().notNull().default(0),
  giftsSentVolume: t.bigint().notNull().default(0n),
  /** Address gifts when sent, social and link gifts when claimed by this account. */
  giftsReceivedCount: t.integer().notNull().default(0),
  giftsReceivedVolume: t.bigint().notNull().default(0n),
  /** Rewards paid to this account: its cumulative claimed total. */
  rewardsClaimed: t.bigint().notNull().default(0n),
  rewardClaimsCount: t.integer().notNull().default(0),
}));

/** BOON transfers, mints (from 0x0) and burns (to 0x0). */
export const transfer = onchainTable(
  "transfer",
  (t) => ({
    /** Ponder's `event.id` of the Transfer log. */
    id: t.text().primaryKey(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    fromIdx: index().on(table.from, table.timestamp),
    toIdx: index().on(table.to, table.timestamp),
  }),
);

/** BOON allowances, as the latest Approval event set them. */
export const allowance = onchainTable(
  "allowance",
  (t) => ({
    owner: t.hex().notNull(),
    spender: t.hex().notNull(),
    amount: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.owner, table.spender] }) }),
);

/**
 * Watch-to-earn payouts: BOON Transfers from the RewardDistributor to an account (a claim's
 * record; the distributor moves BOON out for nothing else).
 */
export const rewardClaim = onchainTable(
  "reward_claim",
  (t) => ({
    /** Ponder's `event.id` of the Transfer log. */
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    /** Who sent the claim transaction. */
    relayer: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** The account's claimed total after this claim (what its voucher said). */
    cumulativeAmount: t.bigint().notNull(),
    /** UTC day number (unix time / 86400): the distributor's day whose budget paid it. */
    day: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    accountIdx: index().on(table.account, table.timestamp),
    dayIdx: index().on(table.day),
  }),
);

/** The RewardDistributor's budget per UTC day (BudgetSet): what may be paid that day. */
export const rewardBudget = onchainTable("reward_budget", (t) => ({
  /** UTC day number (unix time / 86400). */
  day: t.integer().primaryKey(),
  /** The day's budget as last set, including what was already paid. */
  budget: t.bigint().notNull(),
  /** BOON minted into the budget that day. */
  minted: t.bigint().notNull(),
  /** BOON burned from it that day (a cap lowered, or a surplus at the opening). */
  burned: t.bigint().notNull(),
}));

/** Per UTC day. Volumes are BOON base units. */
export const dailyStat = onchainTable("daily_stats", (t) => ({
  /** UTC day number (unix time / 86400). */
  day: t.integer().primaryKey(),
  /** The day as YYYY-MM-DD. */
  date: t.text().notNull(),
  gifts: t.integer().notNull().default(0),
  volume: t.bigint().notNull().default(0n),
  uniqueSenders: t.integer().notNull().default(0),
  claims: t.integer().notNull().default(0),
  claimedVolume: t.bigint().notNull().default(0n),
  refunds: t.integer().notNull().default(0),
  refundedVolume: t.bigint().notNull().default(0n),
  rewardClaims: t.integer().notNull().default(0),
  /** Rewards paid to accounts that day. */
  rewardsPaid: t.bigint().notNull().default(0n),
  /** BOON minted into the reward budget that day (reward_budget has the burns). */
  rewardsMinted: t.bigint().notNull().default(0n),
}));

/** Which senders already gifted on a day: feeds dailyStat.uniqueSenders. */
export const dailySender = onchainTable(
  "daily_sender",
  (t) => ({
    day: t.integer().notNull(),
    sender: t.hex().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.day, table.sender] }) }),
);

/** Per context (the "top posts"), all time. Volumes are BOON base units. */
export const contextStat = onchainTable(
  "context_stats",
  (t) => ({
    context: t.hex().primaryKey(),
    gifts: t.integer().notNull().default(0),
    volume: t.bigint().notNull().default(0n),
    firstGiftAt: t.bigint().notNull(),
    lastGiftAt: t.bigint().notNull(),
  }),
  (table) => ({ volumeIdx: index().on(table.volume) }),
);

/** Per context and ISO week (weeks start on Monday, UTC): "top posts this week". */
export const contextWeeklyStat = onchainTable(
  "context_weekly_stats",
  (t) => ({
    context: t.hex().notNull(),
    /** UTC day number of the week's Monday. */
    weekStart: t.integer().notNull(),
    /** The week's Monday as YYYY-MM-DD. */
    weekStartDate: t.text().notNull(),
    gifts: t.integer().notNull().default(0),
    volume: t.bigint().notNull().default(0n),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.context, table.weekStart] }),
    weekVolumeIdx: index().on(table.weekStart, table.volume),
  }),
);

/** Per social account id: what is waiting for it to be claimed. */
export const socialStat = onchainTable("social_stats", (t) => ({
  socialId: t.hex().primaryKey(),
  pendingGifts: t.integer().notNull().default(0),
  pendingAmount: t.bigint().notNull().default(0n),
  totalGifts: t.integer().notNull().default(0),
  totalAmount: t.bigint().notNull().default(0n),
  claimedGifts: t.integer().notNull().default(0),
  refundedGifts: t.integer().notNull().default(0),
}));

/** Role holders of every Boon contract (AccessControl RoleGranted / RoleRevoked). */
export const roleMember = onchainTable(
  "role_member",
  (t) => ({
    contract: t.hex().notNull(),
    /** The role's name when known (MINTER_ROLE...), else its hash. */
    role: t.text().notNull(),
    account: t.hex().notNull(),
    active: t.boolean().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.role, table.account] }) }),
);

/** Tokens configured in the GiftVault (TokenConfigured). */
export const vaultToken = onchainTable("vault_token", (t) => ({
  token: t.hex().primaryKey(),
  allowed: t.boolean().notNull(),
  /** The admin's statement that the token moves exactly the amount asked (sends skip the checks). */
  exactTransfers: t.boolean().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

/** Every administrative event (roles, pause, token config, bounds, caps), with its arguments. */
export const adminEvent = onchainTable(
  "admin_event",
  (t) => ({
    /** Ponder's `event.id` of the log. */
    id: t.text().primaryKey(),
    contract: t.hex().notNull(),
    name: t.text().notNull(),
    /** Event arguments; integers as decimal strings. */
    args: t.json().$type<Record<string, string | boolean>>().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ timestampIdx: index().on(table.timestamp) }),
);

/** Pause state per contract. */
export const contractState = onchainTable("contract_state", (t) => ({
  contract: t.hex().primaryKey(),
  paused: t.boolean().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

export const giftRelations = relations(gift, ({ one }) => ({
  senderAccount: one(account, {
    fields: [gift.sender],
    references: [account.address],
    relationName: "sent",
  }),
  /** Address gifts only. */
  recipientAccount: one(account, {
    fields: [gift.recipient],
    references: [account.address],
    relationName: "received",
  }),
  claimedByAccount: one(account, {
    fields: [gift.claimedBy],
    references: [account.address],
    relationName: "claimed",
  }),
  /** Social gifts only. */
  social: one(socialStat, { fields: [gift.recipient], references: [socialStat.socialId] }),
  contextStat: one(contextStat, { fields: [gift.context], references: [contextStat.context] }),
}));

export const accountRelations = relations(account, ({ many }) => ({
  giftsSent: many(gift, { relationName: "sent" }),
  giftsReceived: many(gift, { relationName: "received" }),
  giftsClaimed: many(gift, { relationName: "claimed" }),
  transfersOut: many(transfer, { relationName: "out" }),
  transfersIn: many(transfer, { relationName: "in" }),
  rewardClaims: many(rewardClaim),
}));

export const transferRelations = relations(transfer, ({ one }) => ({
  fromAccount: one(account, {
    fields: [transfer.from],
    references: [account.address],
    relationName: "out",
  }),
  toAccount: one(account, {
    fields: [transfer.to],
    references: [account.address],
    relationName: "in",
  }),
}));

export const rewardClaimRelations = relations(rewardClaim, ({ one }) => ({
  claimant: one(account, { fields: [rewardClaim.account], references: [account.address] }),
}));

export const socialStatRelations = relations(socialStat, ({ many }) => ({
  gifts: many(gift),
}));

export const contextStatRelations = relations(contextStat, ({ many }) => ({
  // `gifts` is the count column.
  giftList: many(gift),
  weeks: many(contextWeeklyStat),
}));

export const contextWeeklyStatRelations = relations(contextWeeklyStat, ({ one }) => ({
  contextStat: one(contextStat, {
    fields: [contextWeeklyStat.context],
    references: [contextStat.context],
  }),
}));
