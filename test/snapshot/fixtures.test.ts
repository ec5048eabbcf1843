import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { loadSnapshotFile } from "../../src/snapshot/load.js";
import { badInputs } from "../../tools/fixtures/bad-inputs.js";
import { fixtureSnapshot } from "../../tools/fixtures/generate.js";
import { FIXTURE_SCENARIOS } from "../../tools/fixtures/scenarios.js";
import { COLLECTED_AT } from "../../tools/fixtures/generate.js";
import { LANDING_ZONE_FIXTURES, landingZoneFixtureSnapshot } from "../../tools/fixtures/landing-zones.js";

const FIXTURES = "fixtures";
const BAD = join(FIXTURES, "bad");
const SNAPSHOT_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith(".snapshot.json")).sort();

/** The variants issue 2 asks for, and issue 10's. */
const LANDING_ZONES = [
  "lz-az-not-attached",
  "lz-central-egress-works",
  "lz-central-endpoints-works",
  "lz-egress-no-return-route",
  "lz-hub-sg-admits-hub-only",
  "lz-no-return-route",
  "lz-peering-to-nat",
  "lz-tgw-blackhole",
  "lz-without-hub",
  "lz-zone-not-associated",
];

const REQUIRED = [
  ...LANDING_ZONES,
  "eip-quota-full",
  "endpoint-one-subnet-unreachable",
  "endpoint-path-works",
  "endpoint-policy-without-decrypt",
  "endpoint-private-dns-off",
  "endpoint-sg-no-https",
  "endpoint-sg-part-of-subnet",
  "igw-attached-elsewhere",
  "igw-blackhole-at-nat-subnet",
  "nacl-denies-one-address",
  "nacl-no-ephemeral-return",
  "nacl-partial-ephemeral-return",
  "nat-cross-az-other-routes",
  "nat-in-private-subnet",
  "nat-path-works",
  "nat-route-blackhole",
  "nat-while-endpoint-offered",
  "no-path",
  "private-nat",
  "public-subnet-only",
  "s3-through-gateway-endpoint",
  "services-from-evidence",
  "services-tagged-no-path",
  "sg-egress-uncollected-prefix-list",
  "transit-gateway-route",
  "two-subnets-one-without-path",
  "vpc-config-stale",
  "vpc-dns-hostnames-off",
].sort();

function functionsOf(value: any): any[] {
  return Object.values(value.accounts).flatMap((account: any) =>
    Object.values(account.regions).flatMap((region: any) => region.calls.ListFunctions?.data?.Functions ?? []),
  );
}

describe("fixtures/*.snapshot.json", () => {
  it("holds exactly the required scenarios", () => {
    expect(SNAPSHOT_FILES).toEqual(REQUIRED.map((name) => `${name}.snapshot.json`));
  });

  it.each(SNAPSHOT_FILES)("%s loads and validates", async (file) => {
    const loaded = await loadSnapshotFile(join(FIXTURES, file));
    const names = functionsOf(loaded.snapshot).map((f) => f.FunctionName);
    // A landing zone's spokes run decrypt-claims (spoke A) and decrypt-invoices (spoke B).
    expect(names).toEqual(file.startsWith("lz-") ? expect.arrayContaining(["decrypt-claims"]) : ["decrypt-orders"]);
    if (file.startsWith("lz-")) expect(names.every((n) => n === "decrypt-claims" || n === "decrypt-invoices")).toBe(true);
  });

  it.each(SNAPSHOT_FILES)("%s holds no environment variable values", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    expect(text).not.toContain('"Variables"');
    // Classes, and the region of a value naming a resource in another region: never a value.
    for (const fn of functionsOf(JSON.parse(text))) expect(Object.keys(fn.Environment ?? {}).filter((k) => k !== "VariableRegions")).toEqual(["VariableClasses"]);
  });

  it.each(FIXTURE_SCENARIOS.map((s) => [s.name, s] as const))("%s is what the generator writes (run npx tsx tools/fixtures/generate.ts)", (name, scenario) => {
    const text = readFileSync(join(FIXTURES, `${name}.snapshot.json`), "utf8");
    expect(text).toBe(`${JSON.stringify(fixtureSnapshot(scenario), null, 2)}\n`);
  });

  it.each(LANDING_ZONE_FIXTURES.map((f) => [f.name, f] as const))("%s is what the landing-zone generator writes (run npx tsx tools/fixtures/generate.ts)", (name, fixture) => {
    const text = readFileSync(join(FIXTURES, `${name}.snapshot.json`), "utf8");
    expect(text).toBe(`${JSON.stringify(landingZoneFixtureSnapshot(fixture, COLLECTED_AT), null, 2)}\n`);
  });

  it("has ids only in AWS's format (prefix and 17 hex digits)", () => {
    const id = /"((?:subnet|rtb|rtbassoc|sg|acl|aclassoc|vpce|eni|nat|igw|eipalloc|eipassoc|dopt|vpc|tgw|pcx|i)-[^"]*)"/g;
    // DNS names (an endpoint's, holding its id) are not ids.
    const all = SNAPSHOT_FILES.flatMap((f) => [...readFileSync(join(FIXTURES, f), "utf8").matchAll(id)].map((m) => m[1] as string)).filter((v) => !v.includes("."));
    expect(all.filter((v) => !/^[a-z]+(?:-[a-z]+)?-0[0-9a-f]{16}$/.test(v) && v !== "vpc-max-elastic-ips" && !v.startsWith("vpc-cidr-assoc-0"))).toEqual([]);
  });

  it("are each described in fixtures/README.md and covered by expected-rules.json", () => {
    const readme = readFileSync(join(FIXTURES, "README.md"), "utf8");
    const expected = JSON.parse(readFileSync(join(FIXTURES, "expected-rules.json"), "utf8"));
    for (const name of REQUIRED) expect(readme).toContain(`\`${name}.snapshot.json\`: `);
    expect(Object.keys(expected.fixtures).sort()).toEqual(REQUIRED);
  });
});

describe("fixtures/bad", () => {
  const messages: Record<string, string> = {
    "bad-enum.json": '$.accounts["123456789012"].regions["ap-northeast-1"].calls.DescribeVpcs.status: expected one of "ok", "failed", found string "okay"',
    "duplicate-ids.json":
      '$.accounts["123456789012"].regions["ap-northeast-1"].calls.DescribeSubnets.data.Subnets[1].SubnetId: expected a unique SubnetId, found "subnet-0a1b2c3d4e5f60a11" again (first at DescribeSubnets.data.Subnets[0])',
    "empty.json": "line 1 column 1: expected a JSON object (a kms-audit/snapshot file), found an empty file",
    "env-values.json":
      '$.accounts["123456789012"].regions["ap-northeast-1"].calls.ListFunctions.data.Functions[0].Environment.Variables: expected no Environment.Variables of function "decrypt-orders": secrets never enter a snapshot, collectors keep only Environment.VariableClasses',
    "truncated.json": "line 112 column 15: expected the closing '\"' of a string; the file ends early (truncated?)",
    "wrong-types.json":
      '$.accounts["123456789012"].regions["ap-northeast-1"].calls.DescribeSubnets.data.Subnets[0].MapPublicIpOnLaunch: expected a boolean, found string "false"',
    "wrong-version.json": "$.version: expected a snapshot version this build reads (1), found number 2",
  };

  it("holds the generator's bad inputs and a README naming each", () => {
    const readme = readFileSync(join(BAD, "README.md"), "utf8");
    for (const bad of badInputs()) {
      expect(readFileSync(join(BAD, bad.file), "utf8")).toBe(bad.text);
      expect(readme).toContain(`\`${bad.file}\``);
    }
    expect(readdirSync(BAD).filter((f) => f.endsWith(".json")).sort()).toEqual(Object.keys(messages).sort());
  });

  it.each(Object.entries(messages))("%s is rejected with one line naming file, place and expectation", async (file, message) => {
    const path = join(BAD, file);
    const error = await loadSnapshotFile(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${path}: ${message}`);
  });
});
