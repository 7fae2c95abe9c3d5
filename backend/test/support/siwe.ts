import type { Hex, LocalAccount } from "viem";
import { createSiweMessage } from "viem/siwe";
import { api, type TestApp } from "./app.ts";

export type SiweOverrides = {
  domain?: string;
  chainId?: number;
  nonce?: string;
  expirationTime?: Date;
  issuedAt?: Date;
  notBefore?: Date;
};

/** Fetches a server nonce and signs a SIWE message for `account`; overrides build bad messages. */
export async function signSiwe(
  app: Pick<TestApp, "baseUrl" | "config">,
  account: LocalAccount,
  overrides: SiweOverrides = {},
): Promise<{ message: string; signature: Hex; nonce: string }> {
  const nonce =
    overrides.nonce ?? (await api<{ nonce: string }>(app, "GET", "/v1/auth/siwe/nonce")).body.nonce;
  const message = createSiweMessage({
    address: account.address,
    chainId: overrides.chainId ?? app.config.chainId,
    domain: overrides.domain ?? app.config.siweDomain,
    nonce,
    uri: `http://${app.config.siweDomain}`,
    version: "1",
    statement: "Sign in to Boon",
    issuedAt: overrides.issuedAt ?? new Date(),
    ...(overrides.expirationTime ? { expirationTime: overrides.expirationTime } : {}),
    ...(overrides.notBefore ? { notBefore: overrides.notBefore } : {}),
  });
  return { message, signature: await account.signMessage({ message }), nonce };
}
