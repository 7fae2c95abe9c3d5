import { getAddress, type Hex, isAddress, type PublicClient, verifyMessage } from "viem";
import { generateSiweNonce, parseSiweMessage, type SiweMessage } from "viem/siwe";
import type { Config } from "../config.ts";
import type { Queryable } from "../db/pool.ts";
import { invalid, unauthenticated } from "../errors.ts";
import type { Logger } from "../ops/logger.ts";
import { findNonce, insertNonce, spendNonce } from "./siwe-nonces.repository.ts";

export const NONCE_TTL_SECONDS = 600;
/** Tolerated clock skew for issuedAt / notBefore. */
const SKEW_MS = 5 * 60 * 1000;

export type IssuedNonce = { nonce: string; expiresAt: Date };

export async function issueNonce(db: Queryable): Promise<IssuedNonce> {
  const nonce = generateSiweNonce();
  return { nonce, expiresAt: await insertNonce(db, nonce, NONCE_TTL_SECONDS) };
}

type ParsedSiwe = SiweMessage & { address: `0x${string}` };

/**
 * Checks everything about a SIWE message that needs no database: format, checksum, domain, chain,
 * validity window. Throws a 4xx with a specific code on the first problem.
 */
export function checkSiweMessage(
  message: string,
  config: Config,
  now: Date = new Date(),
): ParsedSiwe {
  const parsed = parseSiweMessage(message);
  if (
    !parsed.address ||
    !parsed.domain ||
    !parsed.chainId ||
    !parsed.nonce ||
    !parsed.uri ||
    parsed.version !== "1"
  ) {
    throw invalid(
      "siwe_malformed",
      "The message is not a valid EIP-4361 (Sign-In with Ethereum) message",
    );
  }
  // EIP-4361 requires the mixed-case EIP-55 form, so all-lowercase is rejected too.
  if (
    !isAddress(parsed.address, { strict: false }) ||
    getAddress(parsed.address) !== parsed.address
  ) {
    throw invalid("invalid_address", "The message's address must be EIP-55 checksummed");
  }
  if (parsed.domain !== config.siweDomain) {
    throw unauthenticated(
      "siwe_wrong_domain",
      `The message must be for domain ${config.siweDomain}`,
    );
  }
  if (parsed.chainId !== config.chainId) {
    throw unauthenticated("siwe_wrong_chain", `The message must be for chain id ${config.chainId}`);
  }
  if (parsed.expirationTime && parsed.expirationTime.getTime() <= now.getTime()) {
    throw unauthenticated("siwe_expired", "The message has expired; sign a new one");
  }
  if (
    (parsed.notBefore && parsed.notBefore.getTime() > now.getTime() + SKEW_MS) ||
    (parsed.issuedAt && parsed.issuedAt.getTime() > now.getTime() + SKEW_MS)
  ) {
    throw unauthenticated("siwe_not_yet_valid", "The message is not valid yet");
  }
  return parsed as ParsedSiwe;
}

/**
 * EOAs verify offline by recovering the signer. Anything else (ERC-1271 contract wallets,
 * ERC-6492 counterfactual ones) is checked on chain when an RPC client is configured.
 */
export async function verifySiweSignature(
  parsed: ParsedSiwe,
  message: string,
  signature: Hex,
  chainClient: PublicClient | undefined,
  logger: Logger,
): Promise<void> {
  const offline = await verifyMessage({ address: parsed.address, message, signature }).catch(
    () => false,
  );
  if (offline) return;
  if (chainClient) {
    try {
      if (await chainClient.verifyMessage({ address: parsed.address, message, signature })) return;
    } catch (error) {
      logger.warn({ err: error }, "on-chain signature verification failed");
      throw unauthenticated(
        "siwe_bad_signature",
        "The signature does not match the address, and smart-wallet verification is unavailable right now",
      );
    }
  }
  throw unauthenticated("siwe_bad_signature", "The signature does not match the message's address");
}

/** Marks the nonce used; exactly one request can succeed with a given nonce. */
export async function consumeNonce(db: Queryable, nonce: string): Promise<void> {
  if (await spendNonce(db, nonce)) return;
  const row = await findNonce(db, nonce);
  if (!row) throw unauthenticated("siwe_unknown_nonce", "The nonce was not issued by this server");
  if (row.used)
    throw unauthenticated("siwe_nonce_used", "The nonce was already used; request a new one");
  throw unauthenticated("siwe_nonce_expired", "The nonce has expired; request a new one");
}
