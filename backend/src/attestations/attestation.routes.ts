import type { Address } from "viem";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { unprocessable } from "../errors.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { requestIdOf } from "../http/request-context.ts";
import { addressSchema, text } from "../http/schemas.ts";
import { issueAttestation } from "./attestation.service.ts";

const giftIds = z
  .array(
    text()
      .regex(/^[0-9]{1,78}$/, "must be a gift id (decimal)")
      .transform(BigInt),
  )
  .max(100)
  .default([])
  .meta({
    description:
      "Optional: the gifts you are about to claim (recorded; the attestation covers every open gift of your account until its deadline)",
  });

const attestationBody = z
  .strictObject({
    to: z.enum(["wallet", "credits"]).default("wallet").meta({
      description:
        "`wallet` (default): pay `wallet`. `credits` is refused here (`credits_through_relayer`): claims into credits go through `POST /v1/relay/claims`, which credits you when the claim confirms",
    }),
    wallet: addressSchema
      .optional()
      .meta({ description: "With `to: wallet`: a wallet linked to your account (SIWE)" }),
    giftIds,
  })
  .superRefine((body, ctx) => {
    if (body.to === "wallet" && body.wallet === undefined)
      ctx.addIssue({ code: "custom", path: ["wallet"], message: "name the wallet to pay" });
    if (body.to === "credits" && body.wallet !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["wallet"],
        message: "credits go to Boon's custody address: leave `wallet` out",
      });
  })
  .meta({ id: "SocialAttestationRequest" });

const hex = z.string().meta({ description: "0x-prefixed hex" });
const attestationSchema = z
  .object({
    id: z.uuid(),
    socialId: hex.meta({ description: "Your linked X account's social id" }),
    wallet: z.string().meta({ description: "Who the claim pays (EIP-55)" }),
    destination: z.enum(["wallet", "credits"]),
    deadline: z.string().meta({ description: "Unix seconds (uint256, decimal)" }),
    expiresAt: z.string().meta({ format: "date-time" }),
    signature: hex.meta({
      description: "65-byte EIP-712 signature of SocialClaim(socialId, wallet, deadline)",
    }),
    compact: z
      .object({ r: hex, yParityAndS: hex })
      .meta({ description: "The EIP-2098 form claimSocial / claimSocialBatch take" }),
    verifier: z.string(),
    chainId: z.number().int(),
    vault: z.string(),
  })
  .meta({ id: "SocialAttestation" });

const attestOp = operations({ tags: ["x"], auth: "live" }).post("/v1/me/x/attestations", {
  summary: "Have Boon's verifier sign a SocialClaim for your linked X account and your wallet",
  description:
    "Signs SocialClaim(socialId of your linked X account, wallet, deadline <= 10 minutes): with it, claimSocialBatch(giftIds, gifts, wallet, deadline, compact) pays that wallet every open gift of your X account. Only for a wallet you proved by SIWE. Claims into Boon credits go through `POST /v1/relay/claims` (kind `social`), never through an attestation handed out: tokens sent to Boon's custody outside the relayer would credit nobody. Audited; rate limited per user.",
  rateLimit: "attestation",
  request: { body: attestationBody },
  responses: {
    201: success("Signed", attestationSchema),
    404: failure("No X account is linked to you (`x_not_linked`)"),
    422: failure(
      "The wallet is not linked to your account (`wallet_not_linked`); credits asked for here (`credits_through_relayer`)",
    ),
    503: failure("The vault's address is not known yet (`contracts_unknown`)"),
  },
});

export function attestationRoutes(api: Api, deps: AppDeps): void {
  api.serveUser(attestOp, (userId, { body }, req) => {
    if (body.to === "credits")
      throw unprocessable(
        "credits_through_relayer",
        "Claims into Boon credits go through POST /v1/relay/claims (kind social), which credits you when the claim confirms",
      );
    return issueAttestation(
      {
        pool: deps.pool,
        config: deps.config,
        signer: deps.verifier,
        chainClient: deps.chainClient,
        contracts: deps.social.contracts,
      },
      {
        userId,
        to: { wallet: body.wallet as Address },
        giftIds: body.giftIds,
        requestId: requestIdOf(req),
      },
    );
  });
}
