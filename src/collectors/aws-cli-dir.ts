import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../errors.js";
import { readInputText } from "../read-input.js";
import { describeJsonSyntaxError } from "../snapshot/json-syntax.js";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "../snapshot/types.js";
import type { CallError, CallRecord, LambdaFunction, RegionCalls, Snapshot, SnapshotNote } from "../snapshot/types.js";
import { CALLER_IDENTITY_FILE, COMMAND_FILES, GET_RESOURCES_FILE, LIST_TAGS_FILE, readAccount, readResourceTags, readTags } from "./aws-cli-files.js";
import { tagsUnknownNotes, withFunctionTags } from "./function-tags.js";

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const REGION_FILE = "region";
/** scripts/dump-aws-cli.sh keeps a failed command's stderr here: the call becomes a gap with AWS's error code. */
const ERROR_SUFFIX = ".error.txt";

/**
 * A snapshot from a directory of AWS CLI output (scripts/dump-aws-cli.sh makes one): the directory is one region
 * (named by a `region` file or by its own name), or holds one subfolder per region. A missing file is a gap.
 */
export async function readAwsCliDir(dir: string): Promise<Snapshot> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new InputError(dir, "(directory)", "an existing directory of AWS CLI output (see scripts/dump-aws-cli.sh)");
  if (!info.isDirectory()) throw new InputError(dir, "(directory)", "a directory of AWS CLI output, not a file");
  const entries = await readdir(dir, { withFileTypes: true });
  const holdsOutput = entries.some((e) => e.isFile() && (isKnownFile(e.name) || e.name === REGION_FILE));
  const regionDirs = holdsOutput ? [dir] : entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort();
  if (regionDirs.length === 0) {
    throw new InputError(dir, "(directory)", "AWS CLI JSON files such as ec2-describe-vpcs.json, or one subfolder per region holding them");
  }
  const regions: Record<string, RegionCalls> = {};
  const notes: SnapshotNote[] = [];
  const accounts = new Set<string>();
  const rootIdentity = await readJson(join(dir, CALLER_IDENTITY_FILE));
  if (rootIdentity !== undefined) accounts.add(readAccount(rootIdentity, join(dir, CALLER_IDENTITY_FILE)));
  for (const regionDir of regionDirs) {
    const region = await regionOf(regionDir);
    if (regions[region]) throw new InputError(regionDir, "region", `a region named once only: ${region} appears twice`);
    const read = await readRegion(regionDir, region);
    regions[region] = read.calls;
    notes.push(...read.notes);
    const identity = regionDir === dir ? undefined : await readJson(join(regionDir, CALLER_IDENTITY_FILE));
    if (identity !== undefined) accounts.add(readAccount(identity, join(regionDir, CALLER_IDENTITY_FILE)));
  }
  if (accounts.size > 1) throw new InputError(dir, CALLER_IDENTITY_FILE, `one account per directory, found ${[...accounts].join(", ")}`);
  const account = [...accounts][0] ?? accountFromData(regions);
  if (account === undefined) {
    throw new InputError(dir, CALLER_IDENTITY_FILE, "the account id: add the output of `aws sts get-caller-identity --output json`");
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    source: { kind: "aws-cli", description: `AWS CLI output in ${dir}` },
    accounts: { [account]: { regions: Object.fromEntries(Object.entries(regions).map(([name, calls]) => [name, { calls }])) } },
    ...(notes.length === 0 ? {} : { notes }),
  };
}

function isKnownFile(name: string): boolean {
  return [GET_RESOURCES_FILE, errorFile(GET_RESOURCES_FILE), LIST_TAGS_FILE].includes(name) || COMMAND_FILES.some((c) => name === c.file || name === errorFile(c.file));
}

function errorFile(file: string): string {
  return file.replace(/\.json$/, ERROR_SUFFIX);
}

async function regionOf(regionDir: string): Promise<string> {
  const named = (await readText(join(regionDir, REGION_FILE)))?.trim();
  const region = named ?? basename(regionDir);
  if (!REGION_NAME.test(region)) {
    throw new InputError(
      named === undefined ? regionDir : join(regionDir, REGION_FILE),
      "region",
      "a region name such as ap-northeast-1: a `region` file holding it, or a directory named after it",
    );
  }
  return region;
}

async function readRegion(regionDir: string, region: string): Promise<{ calls: RegionCalls; notes: SnapshotNote[] }> {
  const calls: Record<string, CallRecord<unknown>> = {};
  for (const command of COMMAND_FILES) {
    const path = join(regionDir, command.file);
    const json = await readJson(path);
    if (json !== undefined) {
      calls[command.call] = { status: "ok", data: command.read(json, path) };
      continue;
    }
    const failure = await readText(join(regionDir, errorFile(command.file)));
    if (failure !== undefined) calls[command.call] = { status: "failed", error: cliError(failure) };
  }
  const listed = calls.ListFunctions;
  if (listed?.status !== "ok") return { calls: calls as RegionCalls, notes: [] };
  const tagged = await withTagFiles(regionDir, region, (listed.data as { Functions: LambdaFunction[] }).Functions);
  calls.ListFunctions = { status: "ok", data: { Functions: tagged.functions } };
  return { calls: calls as RegionCalls, notes: tagged.notes };
}

/** Tags from get-resources output as a live collection sets them; else from the older list-tags array, where it lists. */
async function withTagFiles(
  regionDir: string,
  region: string,
  functions: LambdaFunction[],
): Promise<{ functions: LambdaFunction[]; notes: SnapshotNote[] }> {
  const resourcesPath = join(regionDir, GET_RESOURCES_FILE);
  const resources = await readJson(resourcesPath);
  if (resources !== undefined) return { functions: withFunctionTags(functions, readResourceTags(resources, resourcesPath)), notes: [] };
  const failure = await readText(join(regionDir, errorFile(GET_RESOURCES_FILE)));
  if (failure !== undefined) return { functions, notes: tagsUnknownNotes(region, functions, cliError(failure).code) };
  const listTagsPath = join(regionDir, LIST_TAGS_FILE);
  const listTags = await readJson(listTagsPath);
  if (listTags === undefined) return { functions, notes: [] };
  const tags = readTags(listTags, listTagsPath);
  return { functions: functions.map((fn) => (tags.has(fn.FunctionArn) ? { ...fn, Tags: tags.get(fn.FunctionArn) } : fn)), notes: [] };
}

/** A file's text; undefined when it does not exist. */
async function readText(path: string): Promise<string | undefined> {
  try {
    return await readInputText(path, "(file)");
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new InputError(path, "(file)", `a readable file (${code ?? "unreadable"})`);
  }
}

/**
 * The parsed file; undefined when it does not exist. A syntax error names the line, the column and what was expected,
 * never the text: lambda-list-functions.json holds environment variable values.
 */
async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  if (text === undefined) return undefined;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") throw new InputError(path, "(empty file)", "the JSON output of an AWS CLI command");
  try {
    return JSON.parse(body) as unknown;
  } catch {
    const syntax = describeJsonSyntaxError(body);
    throw new InputError(path, syntax.place, syntax.expected);
  }
}

/**
 * AWS CLI v2 (botocore) prints a failed call as "An error occurred (Code) when calling the Op operation: message", with
 * " (reached max retries: N)" before the colon when retries ran out; the message may itself hold colons (an HTML
 * error page). Failures before a response have no code: they are named by botocore's exception.
 */
const CLIENT_ERROR = /An error occurred \(([^)\n]*)\) when calling the (?:[A-Za-z0-9]+ )?operation(?: \(reached max retries: \d+\))?: ?([\s\S]*)/;
const CLI_FAILURES: readonly (readonly [RegExp, string])[] = [
  [/^Could not connect to the endpoint URL/, "EndpointConnectionError"],
  [/^Connect timeout on endpoint URL/, "ConnectTimeoutError"],
  [/^Read timeout on endpoint URL/, "ReadTimeoutError"],
  [/^Connection was closed before we received a valid response/, "ConnectionClosedError"],
  [/^Unable to locate credentials/, "NoCredentialsError"],
  [/^SSL validation failed/, "SSLError"],
  [/^The config profile \(.*\) could not be found/, "ProfileNotFound"],
  [/^aws: error:/, "CliUsageError"],
];
const MAX_MESSAGE = 500;

function cliError(text: string): CallError {
  const oneLine = (s: string): string => {
    const line = s.replace(/\s+/g, " ").trim();
    return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
  };
  const match = CLIENT_ERROR.exec(text);
  if (match) return { code: match[1] === "" ? "Error" : (match[1] as string), message: oneLine(match[2] as string) };
  const message = oneLine(text);
  return { code: CLI_FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? "Error", message };
}

function accountFromData(regions: Readonly<Record<string, RegionCalls>>): string | undefined {
  for (const calls of Object.values(regions)) {
    if (calls.ListFunctions?.status !== "ok") continue;
    for (const fn of calls.ListFunctions.data.Functions) {
      const account = /^arn:[^:]+:lambda:[^:]+:(\d{12}):/.exec(fn.FunctionArn)?.[1];
      if (account) return account;
    }
  }
  return undefined;
}
