import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.js";

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return "expected a file path, found a directory";
  if (code === "ENOENT") return "expected a file in an existing directory";
  if (code === "EACCES" || code === "EPERM") return "expected a writable location (permission denied)";
  return `expected a writable file (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/**
 * Writes the whole text or nothing: a temp file in the same directory, then a rename over the target.
 * On any error the temp file is removed and the target is left as it was.
 */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const directory = path.dirname(target);
  const temp = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { encoding: "utf8", flag: "wx" });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(target, "--output", reason(error));
  }
}
