// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

const creditGiftSchema = z.object({
  delivery: z.object({ id: z.string(), status: z.string(), giftId: z.nullable(z.string()) }),
  /** Link gifts only: the claim link, in the first response only. */
  link: z.optional(
    z.object({
      secret: z.nullable(z.string()),
      claimUrl: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  ),
});
export type CreditGift = z.infer<typeof creditGiftSchema>;

export type CreditGiftRequest =
  | { kind: "address"; to: string; amount: bigint; postId: string | null; message: string }
  | {
      kind: "link";
      amount: bigint;
      postId: string | null;
      message: string;
      expiresInSeconds: number;
    };

/** The request body of `POST /v1/gifts` (amounts as base-unit strings, the post by its id). */
export function creditGiftBody(request: CreditGiftRequest): Record<string, unknown> {
  const { postId, amount, ...rest } = request;
  return { ...rest, amount: amount.toString(), ...(postId ? { context: postId } : {}) };
}

/** A gift paid from card-bought credits: the backend's delivery worker sends it on chain. */
export function createCreditGift(
  backend: Backend,
  request: CreditGiftRequest,
  idempotencyKey: string,
) {
  return backend("/v1/gifts", creditGiftSchema, {
    method: "POST",
    idempotencyKey,
    body: creditGiftBody(request),
  });
}
