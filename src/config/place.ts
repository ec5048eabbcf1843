/** A place in the configuration as people read it: rules.lambda-no-kms-path, suppressions[2].reason. */
export type Segment = string | number;

const PLAIN = /^[A-Za-z0-9_:*-]+$/;

export function formatPlace(segments: readonly Segment[]): string {
  if (segments.length === 0) return "(top level)";
  return segments.reduce<string>((place, segment, index) => {
    if (typeof segment === "number") return `${place}[${segment}]`;
    if (!PLAIN.test(segment)) return `${place}[${JSON.stringify(segment)}]`;
    return index === 0 ? segment : `${place}.${segment}`;
  }, "");
}
