import fc from "fast-check";
import { hasUnsafeCharacters, visible } from "../../src/text/visible.js";

describe("visible", () => {
  it("escapes terminal controls, CR, LF, C1 and bidi overrides", () => {
    expect(visible("a\u001b]0;pwned\u0007b")).toBe("a\\x1b]0;pwned\\x07b");
    expect(visible("line\roverwrite\nnext")).toBe("line\\x0doverwrite\\x0anext");
    expect(visible("csi\u009b2J")).toBe("csi\\x9b2J");
    expect(visible("evil\u202etxt.exe")).toBe("evil\\u{202e}txt.exe");
    expect(visible("del\u007f")).toBe("del\\x7f");
  });

  it("leaves ordinary text, including non-ASCII letters, alone", () => {
    expect(visible("subnet-0a1b (ap-northeast-1a) → kms: 東京 ✓")).toBe("subnet-0a1b (ap-northeast-1a) → kms: 東京 ✓");
  });

  it("never leaves an unsafe character behind", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(hasUnsafeCharacters(visible(text))).toBe(false);
      }),
    );
  });
});
