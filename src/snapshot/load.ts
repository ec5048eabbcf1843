import { InputError } from "../errors.js";
import { readInputText } from "../read-input.js";
import { describeJsonSyntaxError } from "./json-syntax.js";
import type { Snapshot } from "./types.js";
import { SNAPSHOT_FORMAT } from "./types.js";
import { validateSnapshot } from "./validate.js";

export interface LoadedSnapshot {
  readonly snapshot: Snapshot;
  readonly path: string;
  /** The file's text as read, for locating resources (SARIF physical locations). */
  readonly text: string;
}

const BOM = "\uFEFF";

function fileErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "expected an existing snapshot file, found no such file";
  if (code === "EACCES" || code === "EPERM") return "expected a readable snapshot file, found no permission to read it";
  if (code === "EISDIR") return "expected a snapshot file, found a directory";
  return `expected a readable snapshot file, found ${code ?? "an unreadable file"}`;
}

async function readSnapshotText(path: string): Promise<string> {
  try {
    return await readInputText(path, "file");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, "file", fileErrorText(error));
  }
}

/** Parses and validates a snapshot's text; every problem is an InputError with a one-line message. */
export function parseSnapshot(text: string, file: string): Snapshot {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === "") throw new InputError(file, "line 1 column 1", `expected a JSON object (a ${SNAPSHOT_FORMAT} file), found an empty file`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const syntax = describeJsonSyntaxError(body);
    throw new InputError(file, syntax.place, syntax.expected);
  }
  return validateSnapshot(value, file);
}

export async function loadSnapshotFile(path: string): Promise<LoadedSnapshot> {
  const text = await readSnapshotText(path);
  return { snapshot: parseSnapshot(text, path), path, text };
}
