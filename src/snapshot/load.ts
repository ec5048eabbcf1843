import { readFile, stat } from "node:fs/promises";
import { InputError } from "../errors.js";
import { LineIndex } from "./json-scan.js";
import { findJsonSyntaxError } from "./json-syntax.js";
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

function place(text: string, offset: number): string {
  const { line, column } = new LineIndex(text).at(offset);
  return `line ${line} column ${column}`;
}

function fileErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "expected an existing snapshot file, found no such file";
  if (code === "EACCES" || code === "EPERM") return "expected a readable snapshot file, found no permission to read it";
  if (code === "EISDIR") return "expected a snapshot file, found a directory";
  return `expected a readable snapshot file, found ${code ?? "an unreadable file"}`;
}

async function readSnapshotText(path: string): Promise<string> {
  try {
    if ((await stat(path)).isDirectory()) throw new InputError(path, "file", "expected a snapshot file, found a directory");
    return await readFile(path, "utf8");
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
    const syntax = findJsonSyntaxError(body) ?? { offset: 0, expected: "expected valid JSON" };
    throw new InputError(file, place(body, syntax.offset), syntax.expected);
  }
  return validateSnapshot(value, file);
}

export async function loadSnapshotFile(path: string): Promise<LoadedSnapshot> {
  const text = await readSnapshotText(path);
  return { snapshot: parseSnapshot(text, path), path, text };
}
