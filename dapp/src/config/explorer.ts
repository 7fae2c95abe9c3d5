// Kept apart from config.ts (and its validators) because the shell links transactions on first load.

/** Where a transaction can be looked at: the chain's explorer, else the app's own /tx page. */
export function explorerTxUrl(config: { explorerUrl: string | undefined }, hash: string): string {
  return config.explorerUrl ? `${config.explorerUrl}/tx/${hash}` : `/tx/${hash}`;
}
