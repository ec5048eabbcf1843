import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { InputError } from "../../errors.js";
import { readTemplate } from "../cloudformation/read-template.js";
import { readStack } from "../cloudformation/stack.js";
import { defaultAccount, defaultRegion, type IacOptions } from "../index.js";
import { PlannedNetwork, type PlannedInput, type PlannedPart, type SourceLocation } from "../planned.js";

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function readJson(file: string, what: string): Json {
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isRecord(value)) return value;
  } catch {
    // reported below
  }
  throw new InputError(file, "file", `expected ${what} (JSON)`);
}

/** "build (/app/lib/stack.ts:35:19)" → that file, line and column, when the file is there to point at. */
function frameLocation(frame: string): SourceLocation | undefined {
  const match = /\(?([^()\s]+):(\d+):(\d+)\)?$/.exec(frame);
  if (match === null || frame.startsWith("...")) return undefined;
  const file = match[1] as string;
  const shown = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  if (shown.split(path.sep).includes("node_modules") || !existsSync(shown)) return undefined;
  return { file: shown.split(path.sep).join("/"), line: Number(match[2]), column: Number(match[3]) };
}

/**
 * Logical id → the app's line that created the construct: the first frame of user code in its aws:cdk:creationStack
 * metadata (recorded for every construct by recent aws-cdk-lib; CDK collapses its own frames to "...aws-cdk-lib...").
 */
function creationLines(dir: string, artifact: Json): Map<string, SourceLocation> {
  const properties = isRecord(artifact.properties) ? artifact.properties : {};
  const metadataFile = typeof artifact.additionalMetadataFile === "string" ? artifact.additionalMetadataFile : typeof properties.additionalMetadataFile === "string" ? properties.additionalMetadataFile : undefined;
  const metadata = metadataFile !== undefined && existsSync(path.join(dir, metadataFile)) ? readJson(path.join(dir, metadataFile), "CDK metadata") : isRecord(artifact.metadata) ? artifact.metadata : {};
  const lines = new Map<string, SourceLocation>();
  for (const entries of Object.values(metadata)) {
    if (!Array.isArray(entries)) continue;
    const logicalId = entries.find((e) => isRecord(e) && e.type === "aws:cdk:logicalId")?.data;
    const stack = entries.find((e) => isRecord(e) && e.type === "aws:cdk:creationStack")?.data;
    if (typeof logicalId !== "string" || !Array.isArray(stack)) continue;
    for (const frame of stack) {
      const location = typeof frame === "string" ? frameLocation(frame) : undefined;
      if (location !== undefined) {
        lines.set(logicalId, location);
        break;
      }
    }
  }
  return lines;
}

function environmentOf(artifact: Json): { account?: string; region?: string } {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(typeof artifact.environment === "string" ? artifact.environment : "");
  const account = match?.[1];
  const region = match?.[2];
  return { ...(account === undefined || account.startsWith("unknown-") ? {} : { account }), ...(region === undefined || region.startsWith("unknown-") ? {} : { region }) };
}

/** Every stack of a cdk.out (and the nested stacks its templates name), one part per environment. */
export async function readCdkOut(dir: string, manifest: Json, options: IacOptions): Promise<PlannedInput> {
  const artifacts = isRecord(manifest.artifacts) ? manifest.artifacts : {};
  const parts = new Map<string, PlannedPart & { network: PlannedNetwork }>();
  for (const [id, body] of Object.entries(artifacts).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isRecord(body) || body.type !== "aws:cloudformation:stack") continue;
    const properties = isRecord(body.properties) ? body.properties : {};
    if (typeof properties.templateFile !== "string") throw new InputError(path.join(dir, "manifest.json"), `artifacts.${id}.properties.templateFile`, "expected the stack's template file");
    const env = environmentOf(body);
    const region = env.region ?? defaultRegion(options, path.join(dir, "manifest.json"));
    const account = env.account ?? defaultAccount(options);
    const key = `${account}/${region}`;
    const part = parts.get(key) ?? { network: new PlannedNetwork(), account, region };
    parts.set(key, part);
    const stackName = typeof body.displayName === "string" ? body.displayName : id;
    const lines = creationLines(dir, body);
    readTemplateFile(dir, properties.templateFile, part.network, { region, account, parameters: options.parameters ?? new Map(), scope: `${stackName}/`, stackName, locationOf: (logicalId) => lines.get(logicalId) });
  }
  if (parts.size === 0) throw new InputError(path.join(dir, "manifest.json"), "artifacts", "expected at least one CloudFormation stack (aws:cloudformation:stack)");
  return { kind: "cdk", path: dir, parts: [...parts.values()] };
}

function readTemplateFile(dir: string, file: string, network: PlannedNetwork, options: Parameters<typeof readStack>[2]): void {
  const full = path.join(dir, file);
  if (!existsSync(full)) throw new InputError(path.join(dir, "manifest.json"), file, "expected the stack's template file in the cdk.out directory, found no such file");
  const document = readTemplate(readFileSync(full, "utf8"), full);
  readStack(document, network, options);
  // Nested stacks: CDK writes their templates as assets beside the parent's; their parameters come from the parent.
  const resources = isRecord(document.value.Resources) ? document.value.Resources : {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || resource.Type !== "AWS::CloudFormation::Stack" || !isRecord(resource.Metadata)) continue;
    const asset = resource.Metadata["aws:asset:path"];
    if (typeof asset === "string" && existsSync(path.join(dir, asset))) {
      network.notes.push(`nested stack ${options.scope ?? ""}${logicalId}: parameters it receives from its parent are analysed as unknown`);
      readTemplateFile(dir, asset, network, { ...options, parameters: new Map(), scope: `${options.scope ?? ""}${logicalId}/`, locationOf: () => undefined });
    }
  }
}
