import { readString, skipWhitespace, stringEnd } from "./json-scan.js";
import type { TextRange } from "./snapshot-outline.js";

/**
 * Offsets of `"<key>": "<value>"` pairs inside a range of JSON text, for the given keys. When a value appears more
 * than once, the shallowest occurrence wins (a route table's own RouteTableId, not the one inside its Associations),
 * then the first.
 */
export function indexIdOffsets(text: string, range: TextRange, keys: readonly string[]): Map<string, Map<string, number>> {
  const index = new Map<string, Map<string, number>>(keys.map((k) => [k, new Map()]));
  const depthOf = new Map<string, number>();
  const keyLengths = new Set(keys.map((k) => k.length + 2));
  let depth = 0;
  let i = range.start;
  while (i < range.end) {
    const code = text.charCodeAt(i);
    if (code === 123 || code === 91) depth += 1;
    else if (code === 125 || code === 93) depth -= 1;
    if (code !== 34) {
      i += 1;
      continue;
    }
    const end = stringEnd(text, i);
    const byValue = keyLengths.has(end - i) ? index.get(text.slice(i + 1, end - 1)) : undefined;
    const colon = byValue ? skipWhitespace(text, end) : -1;
    if (!byValue || text.charCodeAt(colon) !== 58) {
      i = end;
      continue;
    }
    const valueStart = skipWhitespace(text, colon + 1);
    if (text.charCodeAt(valueStart) !== 34) {
      i = valueStart;
      continue;
    }
    const valueEnd = stringEnd(text, valueStart);
    const value = readString(text, valueStart, valueEnd);
    const seenKey = `${text.slice(i + 1, end - 1)}\u0000${value}`;
    const seenDepth = depthOf.get(seenKey);
    if (value !== undefined && (seenDepth === undefined || depth < seenDepth)) {
      byValue.set(value, i);
      depthOf.set(seenKey, depth);
    }
    i = valueEnd;
  }
  return index;
}
