import { useState } from "react";
import { navigate } from "../../app/router.tsx";
import { parseClaimLink } from "../../lib/claim-link.ts";

/** Opens a pasted claim link in the claim page (the key stays in the fragment). */
export function ClaimLinkBox() {
  const [link, setLink] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseClaimLink(link);
        if (!parsed.ok) return setError(parsed.message);
        navigate(`/claim#${link.split("#")[1] ?? link}`);
      }}
    >
      <label htmlFor="claim-link">Got a claim link?</label>
      <div className="row">
        <input
          id="claim-link"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          placeholder="Paste it here"
          aria-describedby="claim-link-error"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Open
        </button>
      </div>
      <p id="claim-link-error" className="field-error" role={error ? "alert" : undefined}>
        {error}
      </p>
    </form>
  );
}
