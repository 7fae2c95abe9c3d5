import { explorerTxUrl } from "../config/explorer.ts";
import { useServices } from "./services.tsx";

/** The link for a transaction hash under this build's configuration. */
export function useExplorerTx(): (hash: string) => string {
  const { config } = useServices();
  return (hash) => explorerTxUrl(config, hash);
}
