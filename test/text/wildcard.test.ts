import fc from "fast-check";
import { wildcardMatch } from "../../src/text/wildcard.js";

/** The obvious (exponential in the worst case) definition, as the oracle. */
function reference(pattern: string, text: string, questionMark: boolean): boolean {
  if (pattern === "") return text === "";
  const [p, ...rest] = pattern;
  const tail = rest.join("");
  if (p === "*") return reference(tail, text, questionMark) || (text !== "" && reference(pattern, text.slice(1), questionMark));
  return text !== "" && (p === text[0] || (questionMark && p === "?")) && reference(tail, text.slice(1), questionMark);
}

describe("wildcardMatch", () => {
  it("matches IAM-style actions", () => {
    expect(wildcardMatch("kms:*", "kms:Decrypt", { questionMark: true, ignoreCase: true })).toBe(true);
    expect(wildcardMatch("KMS:decrypt", "kms:Decrypt", { ignoreCase: true })).toBe(true);
    expect(wildcardMatch("kms:Decrypt?", "kms:Decrypt", { questionMark: true })).toBe(false);
    expect(wildcardMatch("kms:De?rypt", "kms:Decrypt", { questionMark: true })).toBe(true);
    expect(wildcardMatch("kms:De?rypt", "kms:Decrypt")).toBe(false);
  });

  it("agrees with the definition on random patterns", () => {
    const alphabet = fc.constantFrom("a", "b", "*", "?");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }).map((a) => a.join("")), fc.array(fc.constantFrom("a", "b", "?", "*"), { maxLength: 8 }).map((a) => a.join("")), fc.boolean(), (pattern, text, q) => {
        expect(wildcardMatch(pattern, text, { questionMark: q })).toBe(reference(pattern, text, q));
      }),
      { numRuns: 2000 },
    );
  });

  it("answers the patterns that made regular expressions backtrack for ever", () => {
    const text = "kms:" + "a".repeat(5000);
    expect(wildcardMatch("*".repeat(26) + "X", text)).toBe(false);
    expect(wildcardMatch("*a".repeat(40) + "X", text)).toBe(false);
    expect(wildcardMatch("*".repeat(12) + "a", text)).toBe(true);
  });
});
