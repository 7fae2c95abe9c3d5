/** Words of a recovery phrase, typed: no autofill, no capitals, no spelling marks on them. */
export const phraseInputProps = {
  autoComplete: "off",
  autoCapitalize: "none",
  spellCheck: false,
} as const;
