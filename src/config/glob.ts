/** A matcher for a pattern where `*` matches any run of characters (including none) and everything else is literal. */
export function globMatcher(pattern: string): (text: string) => boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const regex = new RegExp(`^${source}$`, "s");
  return (text) => regex.test(text);
}
