import { readFileSync } from "node:fs";

/** The package version, read from package.json two levels up (from src/cli and from dist/cli alike). */
export function toolVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === "string" ? version : "0.0.0";
}
