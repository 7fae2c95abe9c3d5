import { describe, expect, it } from "vitest";
import { pickChallenge, secureRandomInt, wrongAnswers } from "./backup.ts";

const words = "one two three four five six seven eight nine ten eleven twelve".split(" ");

describe("backup confirmation", () => {
  it("asks for distinct positions in phrase order", () => {
    const picks = [7, 2, 7, 11];
    const positions = pickChallenge(12, 3, () => picks.shift() ?? 0);
    expect(positions).toEqual([2, 7, 11]);
    for (let i = 0; i < 50; i++) {
      const random = pickChallenge(12);
      expect(new Set(random).size).toBe(3);
      expect(random).toEqual([...random].sort((a, b) => a - b));
      expect(random.every((p) => p >= 0 && p < 12)).toBe(true);
    }
  });
  it("refuses to ask for more words than the phrase has", () => {
    expect(() => pickChallenge(2, 3)).toThrow();
  });
  it("confirms only the right words at the asked positions, ignoring case and spaces", () => {
    expect(wrongAnswers(words, [0, 5, 11], ["one", " SIX ", "twelve"])).toEqual([]);
    expect(wrongAnswers(words, [0, 5, 11], ["one", "seven", ""])).toEqual([5, 11]);
    // The right words at the wrong positions are still wrong.
    expect(wrongAnswers(words, [0, 5, 11], ["six", "one", "twelve"])).toEqual([0, 5]);
  });
  it("draws random integers within bounds", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(secureRandomInt(3));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
