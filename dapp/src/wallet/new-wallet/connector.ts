import {
  type Address,
  type Chain,
  createWalletClient,
  type EIP1193RequestFn,
  fromHex,
  type Hex,
  http,
  numberToHex,
  type TypedDataDefinition,
  type WalletClient,
} from "viem";
import { ChainNotConfiguredError, createConnector } from "wagmi";
import { lockWallet, unlockedAccount } from "./unlocked.ts";

export const BOON_CONNECTOR_ID = "boon";

export class WalletLockedError extends Error {
  constructor() {
    super("The Boon wallet is locked: unlock it with its passcode first.");
    this.name = "WalletLockedError";
  }
}

function account() {
  const current = unlockedAccount();
  if (!current) throw new WalletLockedError();
  return current;
}

type Request = { method: string; params?: unknown };

/**
 * An EIP-1193 face for code that asks the connector for a provider: signing requests are answered
 * with the local key, everything else goes to the chain's RPC.
 */
function providerFor(client: () => WalletClient) {
  const request = async ({ method, params }: Request): Promise<unknown> => {
    const args = (params ?? []) as unknown[];
    switch (method) {
      case "eth_accounts":
      case "eth_requestAccounts":
        return [account().address];
      case "eth_chainId":
        return numberToHex(client().chain?.id ?? 0);
      case "personal_sign":
        return account().signMessage({ message: { raw: args[0] as Hex } });
      case "eth_signTypedData_v4":
        return account().signTypedData(JSON.parse(args[1] as string) as TypedDataDefinition);
      case "eth_sendTransaction": {
        const tx = args[0] as { to?: Address; data?: Hex; value?: Hex; gas?: Hex };
        return client().sendTransaction({
          account: account(),
          chain: client().chain,
          to: tx.to,
          data: tx.data,
          value: tx.value ? fromHex(tx.value, "bigint") : undefined,
          gas: tx.gas ? fromHex(tx.gas, "bigint") : undefined,
        });
      }
      default:
        return client().request({ method, params } as never);
    }
  };
  return { request: request as EIP1193RequestFn, on() {}, removeListener() {} };
}

/**
 * The "Boon wallet" connector: the wallet created (or restored) in this app, kept encrypted on this
 * device. It signs messages, typed data and transactions with the unlocked key, so wagmi and the
 * rest of the app treat it as any other wallet. Connecting needs the wallet unlocked first.
 */
export function boonWallet() {
  return createConnector((config) => {
    let chainId = config.chains[0].id;
    let connected = false;
    const chainOf = (id: number): Chain | undefined => config.chains.find((c) => c.id === id);
    const client = (id = chainId) => {
      const chain = chainOf(id) ?? config.chains[0];
      return createWalletClient({
        account: account(),
        chain,
        transport: config.transports?.[chain.id] ?? http(),
      });
    };
    return {
      id: BOON_CONNECTOR_ID,
      name: "Boon wallet",
      type: "boon",
      async connect({ chainId: wanted, withCapabilities } = {}) {
        const { address } = account();
        if (wanted && wanted !== chainId) await this.switchChain?.({ chainId: wanted });
        connected = true;
        return {
          accounts: (withCapabilities ? [{ address, capabilities: {} }] : [address]) as never,
          chainId,
        };
      },
      async disconnect() {
        connected = false;
        lockWallet();
      },
      async getAccounts() {
        return connected ? [account().address] : [];
      },
      async getChainId() {
        return chainId;
      },
      async isAuthorized() {
        return connected && unlockedAccount() !== null;
      },
      async switchChain({ chainId: id }) {
        const chain = chainOf(id);
        if (!chain) throw new ChainNotConfiguredError();
        chainId = id;
        config.emitter.emit("change", { chainId: id });
        return chain;
      },
      async getClient({ chainId: id } = {}) {
        return client(id);
      },
      async getProvider({ chainId: id } = {}) {
        return providerFor(() => client(id));
      },
      onAccountsChanged(accounts) {
        if (accounts.length === 0) this.onDisconnect();
        else config.emitter.emit("change", { accounts: accounts as Address[] });
      },
      onChainChanged(chain) {
        config.emitter.emit("change", { chainId: Number(chain) });
      },
      onDisconnect() {
        connected = false;
        config.emitter.emit("disconnect");
      },
    };
  });
}
