import { type FormEvent, useState } from "react";
import { FormAlert } from "../../components/FormAlert.tsx";
import { FormButtons } from "../../components/FormButtons.tsx";
import { FormField } from "../../components/FormField.tsx";
import { pickChallenge, wrongAnswers } from "./backup.ts";
import { phraseWords } from "./phrase.ts";
import { phraseInputProps } from "./phrase-input.ts";

type BackupQuizProps = {
  phrase: string;
  onConfirmed: () => void;
  onBack: () => void;
  busy: boolean;
};

/** Proves the phrase was written down: three of its words, asked by number, typed from the paper. */
export function BackupQuiz({ phrase, onConfirmed, onBack, busy }: BackupQuizProps) {
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
      {positions.map((position, i) => (
        <FormField
          key={position}
          id={`backup-word-${position + 1}`}
          label={`Word #${position + 1}`}
          error={wrong.includes(position) ? `That is not word #${position + 1}.` : null}
          errorNote="plain"
        >
          {(props) => (
            <input
              {...props}
              {...phraseInputProps}
              value={answers[i]}
              onChange={(e) =>
                setAnswers(answers.map((answer, j) => (j === i ? e.target.value : answer)))
              }
            />
          )}
        </FormField>
      ))}
      <FormAlert>
        {wrong.length > 0 ? (
          <>
            {wrong.length === 1
              ? "One word does not match."
              : `${wrong.length} words do not match.`}{" "}
            Check your paper, or show the phrase again.
          </>
        ) : null}
      </FormAlert>
      <FormButtons
        primary={{ label: busy ? "Saving the wallet…" : "Confirm backup", disabled: busy }}
        other={{ label: "Show the phrase again", onClick: onBack, disabled: busy }}
      />
    </form>
  );
}
