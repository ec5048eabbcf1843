import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.js";

/** What an input is, read from the file itself: the file name never decides. */
export type DetectedInput =
  | { readonly kind: "template"; readonly file: string; readonly text: string }
  | { readonly kind: "terraform"; readonly file: string; readonly plan: Readonly<Record<string, unknown>> }
  | { readonly kind: "cdk"; readonly dir: string; readonly manifest: Readonly<Record<string, unknown>> };

const EXPECTED = "expected a CloudFormation or SAM template (YAML or JSON with a Resources section), a Terraform plan as JSON (terraform show -json plan.out) or a cdk.out directory (with manifest.json)";

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, "file", code === "ENOENT" ? `${EXPECTED}, found no such file` : `${EXPECTED}, found ${code ?? "an unreadable file"}`);
  }
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isCdkManifest(value: Record<string, unknown> | undefined): boolean {
  return value !== undefined && typeof value.version === "string" && value.artifacts !== null && typeof value.artifacts === "object";
}

/** Reads the input and says what it is; anything else is one InputError. */
export async function detectInput(given: string): Promise<DetectedInput> {
  let info;
  try {
    info = await stat(given);
  } catch {
    throw new InputError(given, "file", `${EXPECTED}, found no such file or directory`);
  }
  if (info.isDirectory()) {
    const manifestFile = path.join(given, "manifest.json");
    const manifest = jsonObject(await readText(manifestFile).catch(() => ""));
    if (!isCdkManifest(manifest)) throw new InputError(given, "directory", `${EXPECTED}, found a directory without a cdk.out manifest.json`);
    return { kind: "cdk", dir: given, manifest: manifest as Record<string, unknown> };
  }
  const text = await readText(given);
  const json = jsonObject(text);
  if (json !== undefined) {
    if (typeof json.format_version === "string" && ("planned_values" in json || "resource_changes" in json)) return { kind: "terraform", file: given, plan: json };
    if (isCdkManifest(json)) return { kind: "cdk", dir: path.dirname(given), manifest: json };
    if ("Resources" in json) return { kind: "template", file: given, text };
    if (typeof json.format_version === "string") throw new InputError(given, "$", `${EXPECTED}, found Terraform JSON without planned_values or resource_changes (a state file? use terraform show -json on a saved plan)`);
    throw new InputError(given, "$", `${EXPECTED}, found JSON of another kind`);
  }
  if (/^\s*Resources\s*:/m.test(text)) return { kind: "template", file: given, text };
  throw new InputError(given, "line 1 column 1", `${EXPECTED}, found neither`);
}
