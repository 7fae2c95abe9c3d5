import { phraseWords } from "./phrase.ts";

/** The recovery phrase as numbered words, in reading order, for writing down on paper. */
export function PhraseGrid({ phrase }: { phrase: string }) {
  return (
    <ol className="phrase-grid" aria-label="Recovery phrase" data-testid="recovery-phrase">
      {phraseWords(phrase).map((word, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a word's position is what identifies it
        <li key={i}>
          <span className="phrase-number" aria-hidden="true">
            {i + 1}
          </span>
          <span className="phrase-word mono">{word}</span>
        </li>
      ))}
    </ol>
  );
}
