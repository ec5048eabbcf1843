import { wildcardMatch } from "../text/wildcard.js";

/** A matcher for a pattern where `*` matches any run of characters (including none) and everything else is literal. */
export function globMatcher(pattern: string): (text: string) => boolean {
  return (text) => wildcardMatch(pattern, text);
}
