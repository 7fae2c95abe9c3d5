import { FormField } from "../../components/FormField.tsx";
import type { SendForm } from "./use-send-form.ts";

/** Many gifts at once: a pasted list or a loaded CSV file, one "recipient, amount" a line. */
export function BatchField({ form, formId }: { form: SendForm; formId: string }) {
  async function loadCsv(file: File | undefined) {
    if (file) form.setBatchText(await file.text());
  }
  return (
    <FormField
      id={`${formId}-batch`}
      label="Recipients and amounts"
      error={form.errors.batch}
      hint='One a line: "address, amount", "link, amount" (a claim link is made for each) or "@handle, amount" (an X account, also x.com/handle or a post link for its author; needs sign-in). Paste or load a CSV file.'
    >
      {(props) => (
        <>
          <textarea
            {...props}
            rows={6}
            value={form.batchText}
            onChange={(e) => form.setBatchText(e.target.value)}
            className="mono"
            placeholder={"0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc, 5\nlink, 2.5\n@alice, 1"}
          />
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-label="Load a CSV file"
            onChange={(e) => void loadCsv(e.target.files?.[0])}
          />
        </>
      )}
    </FormField>
  );
}
