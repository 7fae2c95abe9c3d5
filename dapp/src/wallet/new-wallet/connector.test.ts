import {
  custom,
  defineChain,
  type Hex,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  stringify,
  verifyMessage,
  verifyTypedData,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterEach, describe, expect, it } from "vitest";
import { createConfig } from "wagmi";
import {
  connect,
  disconnect,
  getConnectorClient,
  sendTransaction,
  signMessage,
  signTypedData,
} from "wagmi/actions";
import { BOON_CONNECTOR_ID, boonWallet, WalletLockedError } from "./connector.ts";
import { lockWallet, setUnlockedAccount, unlockedAccount } from "./unlocked.ts";

const account = mnemonicToAccount(`${"test ".repeat(11)}junk`);
const chain = defineChain({
  id: 31337,
  name: "test chain",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:1"] } },
});

/** A node that answers what sending a transaction needs, and keeps the raw transactions it is sent. */
function fakeNode() {
  const sent: Hex[] = [];
  const answers: Record<string, unknown> = {
    eth_chainId: "0x7a69",
    eth_getTransactionCount: "0x5",
    eth_estimateGas: "0x5208",
    eth_gasPrice: "0x3b9aca00",
    eth_maxPriorityFeePerGas: "0x1",
    eth_getBlockByNumber: { baseFeePerGas: "0x3b9aca00", number: "0x1", transactions: [] },
  };
  const transport = custom({
    async request({ method, params }: { method: string; params?: unknown[] }) {
      if (method === "eth_sendRawTransaction") {
        sent.push((params as Hex[])[0] as Hex);
        return keccak256((params as Hex[])[0] as Hex);
      }
      if (method in answers) return answers[method];
      throw new Error(`unexpected ${method}`);
    },
  });
  return { sent, transport };
}

function setup() {
  const node = fakeNode();
  const config = createConfig({
    chains: [chain],
    transports: { [chain.id]: node.transport },
    connectors: [boonWallet()],
  });
  const connector = config.connectors.find((c) => c.id === BOON_CONNECTOR_ID);
  if (!connector) throw new Error("no Boon connector");
  return { config, connector, node };
}

const typedData = {
  domain: { name: "Boon", version: "1", chainId: 31337, verifyingContract: account.address },
  types: {
    LinkClaim: [
      { name: "giftId", type: "uint256" },
      { name: "recipient", type: "address" },
    ],
  },
  primaryType: "LinkClaim",
  message: { giftId: 42n, recipient: account.address },
} as const;

afterEach(() => lockWallet());

describe("the Boon wallet connector", () => {
  it("refuses to connect while the wallet is locked", async () => {
    const { config, connector } = setup();
    await expect(connect(config, { connector })).rejects.toThrow(WalletLockedError);
  });

  it("connects once unlocked and signs messages and typed data the address recovers from", async () => {
    const { config, connector } = setup();
    setUnlockedAccount(account);
    const connected = await connect(config, { connector, chainId: chain.id });
    expect(connected.accounts).toEqual([account.address]);

    const message = "Sign in to Boon\nNonce: 123";
    const signature = await signMessage(config, { message });
    expect(await verifyMessage({ address: account.address, message, signature })).toBe(true);

    const typed = await signTypedData(config, typedData);
    expect(
      await verifyTypedData({ address: account.address, ...typedData, signature: typed }),
    ).toBe(true);
  });

  it("signs transactions locally and sends them raw", async () => {
    const { config, connector, node } = setup();
    setUnlockedAccount(account);
    await connect(config, { connector });
    const to = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    await sendTransaction(config, { to, value: 1000n });
    expect(node.sent).toHaveLength(1);
    const raw = node.sent[0] as `0x02${string}`;
    expect(parseTransaction(raw)).toMatchObject({ to: to.toLowerCase(), value: 1000n, nonce: 5 });
    expect(await recoverTransactionAddress({ serializedTransaction: raw })).toBe(account.address);
  });

  it("answers the same requests through its EIP-1193 provider", async () => {
    const { config, connector } = setup();
    setUnlockedAccount(account);
    await connect(config, { connector });
    const provider = (await connector.getProvider()) as {
      request: (args: { method: string; params?: unknown[] }) => Promise<unknown>;
    };
    expect(await provider.request({ method: "eth_accounts" })).toEqual([account.address]);
    expect(await provider.request({ method: "eth_chainId" })).toBe("0x7a69");
    const signature = (await provider.request({
      method: "personal_sign",
      params: ["0x68656c6c6f", account.address],
    })) as Hex;
    expect(await verifyMessage({ address: account.address, message: "hello", signature })).toBe(
      true,
    );
    const typed = (await provider.request({
      method: "eth_signTypedData_v4",
      params: [account.address, stringify(typedData)],
    })) as Hex;
    expect(
      await verifyTypedData({ address: account.address, ...typedData, signature: typed }),
    ).toBe(true);
    const client = await getConnectorClient(config);
    expect(client.account.address).toBe(account.address);
  });

  it("locks the wallet again on disconnect", async () => {
    const { config, connector } = setup();
    setUnlockedAccount(account);
    await connect(config, { connector });
    await disconnect(config);
    expect(unlockedAccount()).toBeNull();
    await expect(signMessage(config, { message: "x" })).rejects.toThrow();
  });
});
