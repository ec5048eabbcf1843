import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Snapshot } from "../../src/snapshot/types.js";
import { HUB, SPOKE_A, landingZoneSnapshot } from "../support/landing-zone.js";
import { runCli } from "./support/run-cli.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "kms-audit-merge-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, snapshot: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(snapshot, null, 2));
  return file;
}

function accountOnly(id: string): Snapshot {
  const whole = landingZoneSnapshot();
  return { ...whole, accounts: { [id]: whole.accounts[id]! } };
}

test("merge writes one snapshot of every input's accounts, which scan then reads", async () => {
  const out = path.join(dir, "org.json");
  const run = await runCli(["merge", write("hub.json", accountOnly(HUB)), write("spoke.json", accountOnly(SPOKE_A)), "--output", out]);
  expect([run.code, run.stderr]).toEqual([0, `kms-audit: wrote ${out} (2 account(s), 2 region(s), from 2 snapshot(s))\n`]);
  const merged = JSON.parse(readFileSync(out, "utf8")) as Snapshot;
  expect(Object.keys(merged.accounts)).toEqual([HUB, SPOKE_A]);
  const scan = await runCli(["scan", "--snapshot", out, "--format", "json", "--fail-on", "never"]);
  expect(scan.code).toBe(0);
});

test("conflicting inputs: one line naming both files, exit 2, no output file", async () => {
  const changed = JSON.parse(JSON.stringify(accountOnly(HUB))) as any;
  changed.accounts[HUB].regions["eu-west-1"].calls.DescribeVpcs.data.Vpcs[0].CidrBlock = "10.9.0.0/16";
  const a = write("a.json", accountOnly(HUB));
  const b = write("b.json", changed);
  const out = path.join(dir, "org.json");
  const run = await runCli(["merge", a, b, "--output", out]);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`kms-audit: ${b}: $.accounts["${HUB}"].regions["eu-west-1"]: expected the same data as ${a}, which also holds account ${HUB} in eu-west-1; DescribeVpcs differs (collect each account and region in one input only, or collect them again together)\n`);
  expect(existsSync(out)).toBe(false);
});

test("an invalid input is refused as scan refuses it; the output can't be an input", async () => {
  const bad = write("bad.json", { format: "kms-audit/snapshot", version: 1, accounts: { "12": { regions: {} } } });
  const run = await runCli(["merge", bad, "--output", path.join(dir, "org.json")]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^kms-audit: .*bad\.json: \$\.accounts\["12"\]: /);
  const input = write("hub.json", accountOnly(HUB));
  const self = await runCli(["merge", input, "--output", input]);
  expect([self.code, self.stderr]).toEqual([2, `kms-audit: ${input}: --output: expected a file other than an input (merge ${input}): writing would destroy it\n`]);
});
