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

/** The same path as a SARIF artifact URI reference: each segment percent-encoded, slashes kept. */
export function snapshotArtifactUri(snapshotPath: string, workingDirectory: string): string {
  return relativeSnapshotPath(snapshotPath, workingDirectory)
    .split("/")
    .map((segment) => (segment === ".." || segment === "." ? segment : encodeURIComponent(segment)))
    .join("/");
}
