/** Three-valued answers: the snapshot may prove a thing, disprove it, or leave it open. */
export type Tri = "yes" | "no" | "maybe";

/** True if any is yes; maybe if none is yes but one is maybe. */
export function anyOf(values: Iterable<Tri>): Tri {
  let result: Tri = "no";
  for (const value of values) {
    if (value === "yes") return "yes";
    if (value === "maybe") result = "maybe";
  }
  return result;
}

/** Yes only if all are yes; no as soon as one is no. */
export function allOf(values: Iterable<Tri>): Tri {
  let result: Tri = "yes";
  for (const value of values) {
    if (value === "no") return "no";
    if (value === "maybe") result = "maybe";
  }
  return result;
}
