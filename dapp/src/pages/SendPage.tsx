import { PageIntro } from "../components/PageIntro.tsx";
import { SendForm } from "./send/SendForm.tsx";
import { SentPanel } from "./send/SentPanel.tsx";
import { useSendForm } from "./send/use-send-form.ts";

/** Send: the form, then (once sent) the panel with the claim links to copy. */
export default function SendPage() {
  const form = useSendForm();
  return (
    <section className="page narrow">
      <PageIntro page="send" />
      {form.created ? (
        <SentPanel created={form.created} onDone={form.reset} />
      ) : (
        <SendForm form={form} />
      )}
    </section>
  );
}
