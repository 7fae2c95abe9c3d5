// The local Stripe's development credentials. They only ever reach the stand-in: real Stripe rejects
// them, and the backend refuses to start in production without a real key.
import Stripe from "stripe";

/** The secret key the stand-in accepts (real Stripe: `sk_test_…`/`sk_live_…` from the dashboard). */
export const STRIPE_DEV_SECRET_KEY = "sk_test_boonlocal";

/** Signs the stand-in's webhooks (real Stripe: the endpoint's `whsec_…` signing secret). */
export const STRIPE_DEV_WEBHOOK_SECRET = "whsec_boonlocaldevelopmentonly";

/** Events carry the API version of the official client the stand-in is built against. */
export const STRIPE_API_VERSION = Stripe.API_VERSION;
