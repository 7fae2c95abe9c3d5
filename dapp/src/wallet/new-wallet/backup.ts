/** A uniform random integer in [0, max) from the browser's CSPRNG (rejection sampling, no modulo bias). */
export function secureRandomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] as number;
    if (value < limit) return value % max;
  }
}

/**
 * Which words of the phrase the user must type back to prove the backup: `count` distinct
 * positions (0-based), in phrase order, so the questions read top to bottom like the paper.
 */
export function pickChallenge(
  wordCount: number,
  count = 3,
  randomInt: (max: number) => number = secureRandomInt,
): number[] {
  if (count > wordCount) throw new Error(`cannot ask ${count} of ${wordCount} words`);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(randomInt(wordCount));
  return [...chosen].sort((a, b) => a - b);
}

/** The positions answered wrongly (empty: the backup is confirmed). Case and spaces do not count. */
export function wrongAnswers(
  words: readonly string[],
  positions: readonly number[],
  answers: readonly string[],
): number[] {
  return positions.filter(
    (position, i) => (answers[i] ?? "").trim().toLowerCase() !== words[position],
  );
}
