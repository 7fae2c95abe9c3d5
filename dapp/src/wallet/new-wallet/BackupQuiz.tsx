import { type FormEvent, useState } from "react";
import { pickChallenge, wrongAnswers } from "./backup.ts";
import { phraseWords } from "./phrase.ts";

/** Proves the phrase was written down: three of its words, asked by number, typed from the paper. */
export function BackupQuiz({
  phrase,
  onConfirmed,
  onBack,
  busy,
}: {
  phrase: string;
  onConfirmed: () => void;
  onBack: () => void;
  busy: boolean;
}) {
  const words = phraseWords(phrase);
  const [positions] = useState(() => pickChallenge(words.length));
  const [answers, setAnswers] = useState(() => positions.map(() => ""));
  const [wrong, setWrong] = useState<number[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const mistakes = wrongAnswers(words, positions, answers);
    setWrong(mistakes);
    if (mistakes.length === 0) onConfirmed();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>Type these words from your paper, to be sure the phrase is written down correctly.</p>
      {positions.map((position, i) => {
        const id = `backup-word-${position + 1}`;
        const isWrong = wrong.includes(position);
        return (
          <div key={position} className={`field${isWrong ? " has-error" : ""}`}>
            <label htmlFor={id}>Word #{position + 1}</label>
            <input
              id={id}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={answers[i]}
              aria-invalid={isWrong}
              aria-describedby={`${id}-note`}
              onChange={(e) =>
                setAnswers(answers.map((answer, j) => (j === i ? e.target.value : answer)))
              }
            />
            <p id={`${id}-note`} className="field-error">
              {isWrong ? `That is not word #${position + 1}.` : ""}
            </p>
          </div>
        );
      })}
      {wrong.length > 0 ? (
        <p role="alert" className="field-error">
          {wrong.length === 1 ? "One word does not match." : `${wrong.length} words do not match.`}{" "}
          Check your paper, or show the phrase again.
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Saving the wallet…" : "Confirm backup"}
        </button>
        <button type="button" className="button ghost" onClick={onBack} disabled={busy}>
          Show the phrase again
        </button>
      </div>
    </form>
  );
}
