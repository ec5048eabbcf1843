import path from "node:path";

/**
 * The snapshot file relative to the working directory, with forward slashes: never absolute, so reports don't
 * depend on where the checkout lives.
 */
export function relativeSnapshotPath(snapshotPath: string, workingDirectory: string): string {
  const absolute = path.resolve(workingDirectory, snapshotPath);
  const relative = path.relative(workingDirectory, absolute);
  return relative.split(path.sep).join("/");
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The same path as a SARIF artifact URI reference: each segment percent-encoded, slashes kept. A lone surrogate, which
 * no UTF-8 file name holds and encodeURIComponent refuses, is encoded as U+FFFD.
 */
export function snapshotArtifactUri(snapshotPath: string, workingDirectory: string): string {
  return relativeSnapshotPath(snapshotPath, workingDirectory)
    .replace(LONE_SURROGATE, "\uFFFD")
    .split("/")
    .map((segment) => (segment === ".." || segment === "." ? segment : encodeURIComponent(segment)))
    .join("/");
}
