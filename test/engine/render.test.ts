import { placeholdersOf, renderMessage } from "../../src/engine/render.js";

describe("renderMessage", () => {
  it("fills every placeholder, with or without spaces inside the braces, repeated or numeric", () => {
    expect(renderMessage("{{a}} and {{ b }} then {{a}}: {{count}}.", { a: "x", b: "y", count: 3 })).toBe("x and y then x: 3.");
  });

  it("returns a template without placeholders as it is, and leaves other braces alone", () => {
    expect(renderMessage("no placeholders here", {})).toBe("no placeholders here");
    expect(renderMessage("{a} {{ }} {{b-c}} {{d}}", { d: "D" })).toBe("{a} {{ }} {{b-c}} D");
  });

  it("throws on a placeholder without data, naming it", () => {
    expect(() => renderMessage("{{a}} {{missing}}", { a: "x" })).toThrow("placeholder {{missing}} has no data");
  });

  it("gives the placeholders of a template in order, as a fresh array", () => {
    const names = placeholdersOf("{{a}} {{ b }} {{a}}");
    expect(names).toEqual(["a", "b", "a"]);
    names.pop();
    expect(placeholdersOf("{{a}} {{ b }} {{a}}")).toEqual(["a", "b", "a"]);
  });
});
