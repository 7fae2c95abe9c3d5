import { describe, expect, it } from "vitest";
import { parseStripeForm } from "./form.ts";

describe("parseStripeForm", () => {
  it("decodes nested objects and arrays", () => {
    const body =
      "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][unit_amount]=500" +
      "&metadata[purchase_id]=abc&payment_method_types[0]=card&payment_method_types[1]=us_bank_account";
    expect(parseStripeForm(body)).toEqual({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { unit_amount: "500" } }],
      metadata: { purchase_id: "abc" },
      payment_method_types: ["card", "us_bank_account"],
    });
  });

  it("keeps URL-encoded characters intact", () => {
    expect(
      parseStripeForm("success_url=http%3A%2F%2Fx%2Fok%3Fs%3D%7BCHECKOUT_SESSION_ID%7D"),
    ).toEqual({
      success_url: "http://x/ok?s={CHECKOUT_SESSION_ID}",
    });
  });
});
