/**
 * The benchmark's figures are only comparable if its synthetic accounts are: same seed, same snapshot; a snapshot the
 * loader accepts; and the mix of verdicts the generator promises (reachable, blocked and unverifiable paths).
 */
import { syntheticSnapshot } from "../../bench/synthetic.js";
import { scan } from "../../src/engine/scan.js";
import { parseSnapshot } from "../../src/snapshot/load.js";

const OPTIONS = { functions: 1000, seed: 7 };

describe("synthetic benchmark accounts", () => {
  const text = JSON.stringify(syntheticSnapshot(OPTIONS));

  it("are deterministic for a seed, and differ across seeds", () => {
    expect(JSON.stringify(syntheticSnapshot(OPTIONS))).toBe(text);
    expect(JSON.stringify(syntheticSnapshot({ ...OPTIONS, seed: 8 }))).not.toBe(text);
  });

  it("pass the snapshot loader and give reachable, blocked and unverifiable paths", () => {
    const result = scan(parseSnapshot(text, "synthetic.json"));
    const verdicts = new Set(result.paths.map((p) => p.verdict));
    expect([...verdicts].sort()).toEqual(["blocked", "reachable-via-endpoint", "reachable-via-nat", "unverifiable"]);
    expect(result.toolErrors).toEqual([]);
  });
});
