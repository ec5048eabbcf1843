import type { InputDescription, ReportContext } from "./context.js";
import { relativeSnapshotPath } from "./snapshot-path.js";

/** What the scan read: the context's description, else the snapshot file (or a collection, when there is no file). */
export function inputOf(context: ReportContext): InputDescription {
  if (context.input !== undefined) return context.input;
  return context.snapshotPath === "" ? { kind: "live" } : { kind: "snapshot", path: context.snapshotPath };
}

/** The snapshot file, relative to the working directory, or undefined when the snapshot exists only in memory. */
export function snapshotFile(context: ReportContext): string | undefined {
  return context.snapshotPath === "" ? undefined : relativeSnapshotPath(context.snapshotPath, context.workingDirectory);
}

/** The accounts and regions of the snapshot, each sorted. */
export function scopeOf(context: ReportContext): { readonly accounts: string[]; readonly regions: string[] } {
  const accounts = Object.keys(context.snapshot.accounts).sort();
  const regions = [...new Set(accounts.flatMap((a) => Object.keys(context.snapshot.accounts[a]?.regions ?? {})))].sort();
  return { accounts, regions };
}

const KIND_TEXT: Readonly<Record<InputDescription["kind"], string>> = {
  snapshot: "snapshot",
  "aws-cli-dir": "AWS CLI output",
  live: "live collection",
  template: "change",
};

/** "snapshot fixtures/a.json", "AWS CLI output acme-dump", "live collection", "change plan.json over snapshot live.json". */
export function inputText(input: InputDescription, workingDirectory: string): string {
  const own = input.path === undefined ? KIND_TEXT[input.kind] : `${KIND_TEXT[input.kind]} ${relativeSnapshotPath(input.path, workingDirectory)}`;
  return input.over === undefined ? own : `${own} over ${inputText(input.over, workingDirectory)}`;
}

/** "account 123456789012, region ap-northeast-1", "2 accounts, 3 regions (…)" as the header says it. */
export function scopeText(context: ReportContext): string {
  const { accounts, regions } = scopeOf(context);
  const part = (items: readonly string[], one: string) => (items.length === 1 ? `${one} ${items[0]}` : items.length === 0 ? `no ${one}` : `${one}s ${items.join(", ")}`);
  return `${part(accounts, "account")}, ${part(regions, "region")}`;
}

export function inputJson(context: ReportContext) {
  const input = inputOf(context);
  const one = (d: InputDescription) => ({ kind: d.kind, path: d.path === undefined ? null : relativeSnapshotPath(d.path, context.workingDirectory) });
  const { accounts, regions } = scopeOf(context);
  return { ...one(input), over: input.over === undefined ? null : one(input.over), accounts, regions };
}
