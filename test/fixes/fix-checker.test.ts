/**
 * Every printed fix works: for every fixture and every finding, the finding's commands run in sh and bash against a
 * stub `aws`, the calls are applied to the snapshot by the simulator (which refuses what AWS would refuse), and the
 * scan after the fix must no longer hold the finding nor any new error. Generic over the fixtures and the rules.
 */
import { readFileSync } from "node:fs";
import { scan } from "../../src/engine/scan.js";
import { parseSnapshot } from "../../src/snapshot/load.js";
import { fixtureNames } from "../../tools/fixtures/golden.js";
import { checkFinding, type FixVerdict } from "../support/fix-checker/check.js";

const names = fixtureNames();
const tally = new Map<string, Record<FixVerdict, number>>();

afterAll(() => {
  // What the checker proved, per fixture (visible with --verbose; the report quotes it).
  const rows = [...tally].map(([name, t]) => `${name}: ${t.proven} proven, ${t["proven-by-owners"]} by their owners' fixes, ${t["reduced-to-a-maybe"]} reduced to a maybe, ${t["no-command"]} without command`);
  if (process.env["FIX_CHECKER_REPORT"] !== undefined) process.stdout.write(`${rows.join("\n")}\n`);
});

describe.each(names)("fixes of %s", (name) => {
  const file = `fixtures/${name}.snapshot.json`;
  const snapshot = parseSnapshot(readFileSync(file, "utf8"), file);
  const before = scan(snapshot);
  const counts: Record<FixVerdict, number> = { proven: 0, "proven-by-owners": 0, "reduced-to-a-maybe": 0, "no-command": 0 };
  tally.set(name, counts);

  const cases = before.findings.map((f) => [`${f.ruleId} ${f.resource.id}${f.key === undefined ? "" : ` ${f.key}`} (${f.severity})`, f] as const);
  if (cases.length === 0) {
    it("has no finding to fix", () => expect(before.findings).toEqual([]));
    return;
  }
  it.each(cases)("%s", (_label, finding) => {
    const result = checkFinding(snapshot, finding, before);
    counts[result.verdict] += 1;
    // On the fixtures, a fix brings no new error to light either, not even on a path that was broken before.
    expect(result.revealed).toEqual([]);
    if (result.verdict === "proven" || result.verdict === "proven-by-owners") expect(result.calls.length).toBeGreaterThan(0);
  });
});
