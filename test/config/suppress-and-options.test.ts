import { applySuppressions, isExpired, parseConfig, scanOptionsFrom, utcDate, type Suppression } from "../../src/config/index.js";
import { scan } from "../../src/engine/scan.js";
import { rules } from "../../src/rules/index.js";
import { readFileSync } from "node:fs";
import type { LambdaFunction, Snapshot } from "../../src/snapshot/types.js";
import { lambdaFunction, scenario, toSnapshot } from "../support/build.js";
import { endpointSgFinding, functionArn, noKmsPathFinding, noteFinding } from "../report/support/sample.js";

const RULE_IDS = rules.map((rule) => rule.meta.id);

function suppression(partial: Partial<Suppression>): Suppression {
  return { rule: "*", resource: "*", reason: "accepted", source: ".kms-audit.yml: suppressions[0]", ...partial };
}

describe("suppressions", () => {
  it("suppress by rule and by ARN or id with wildcards, keeping the finding", () => {
    const byArn = suppression({ rule: "lambda-no-kms-path", resource: "arn:aws:lambda:*:*:function:decrypt-*", reason: "migrating" });
    const [kms, endpoint, note] = applySuppressions([noKmsPathFinding, endpointSgFinding, noteFinding], [byArn], "2026-06-01");
    expect(kms).toEqual({ ...noKmsPathFinding, suppression: { reason: "migrating", source: ".kms-audit.yml: suppressions[0]" } });
    expect(endpoint).toEqual(endpointSgFinding);
    expect(note).toEqual(noteFinding);
    const byId = applySuppressions([endpointSgFinding], [suppression({ resource: "vpce-*" })], "2026-06-01");
    expect(byId[0]?.suppression?.reason).toBe("accepted");
  });

  it("suppress a finding about a shared component when every function it affects matches, and only then", () => {
    const group = {
      ...endpointSgFinding,
      ruleId: "lambda-sg-egress-blocked",
      resource: { ...endpointSgFinding.resource, type: "security-group" as const, id: "sg-0shared000000000001", arn: undefined },
      affected: { functions: [{ name: "sandbox-a", arn: `${functionArn.replace("decrypt-orders", "sandbox-a")}` }, { name: "sandbox-b" }], subnets: [], services: ["kms"] },
    };
    const sandbox = suppression({ resource: "arn:aws:lambda:*:*:function:sandbox-*" });
    const byName = suppression({ resource: "sandbox-*" });
    expect(applySuppressions([group], [byName], "2026-06-01")[0]?.suppression?.reason).toBe("accepted");
    // sandbox-b has no ARN here: the ARN pattern can't vouch for it.
    expect(applySuppressions([group], [sandbox], "2026-06-01")[0]?.suppression).toBeUndefined();
    const mixed = { ...group, affected: { ...group.affected, functions: [...group.affected.functions, { name: "payments" }] } };
    expect(applySuppressions([mixed], [byName], "2026-06-01")[0]?.suppression).toBeUndefined();
  });

  it("still suppress on the expiry date itself and stop the day after, saying so", () => {
    const expiring = suppression({ rule: "nat-where-privatelink", resource: functionArn, reason: "endpoint rollout", expires: "2026-06-30" });
    expect(applySuppressions([noteFinding], [expiring], "2026-06-30")[0]?.suppression).toEqual({ reason: "endpoint rollout", expires: "2026-06-30", source: ".kms-audit.yml: suppressions[0]" });
    const [expired] = applySuppressions([noteFinding], [expiring], "2026-07-01");
    expect(expired).toEqual({
      ...noteFinding,
      message: `${noteFinding.message} [Suppression expired on 2026-06-30 (.kms-audit.yml: suppressions[0]): endpoint rollout]`,
      expiredSuppression: { reason: "endpoint rollout", expires: "2026-06-30", source: ".kms-audit.yml: suppressions[0]" },
    });
    expect(expired?.suppression).toBeUndefined();
  });

  it("prefer a live suppression over an expired one for the same finding", () => {
    const old = suppression({ reason: "old", expires: "2025-01-01" });
    const current = suppression({ reason: "current", source: ".kms-audit.yml: suppressions[1]" });
    expect(applySuppressions([noteFinding], [old, current], "2026-01-01")[0]?.suppression?.reason).toBe("current");
  });

  it("take today as the UTC date", () => {
    expect(utcDate(new Date("2026-03-31T23:30:00-02:00"))).toBe("2026-04-01");
    expect(isExpired(suppression({ expires: "2026-03-31" }), "2026-04-01")).toBe(true);
    expect(isExpired(suppression({}), "2999-01-01")).toBe(false);
  });
});

describe("scan options from the configuration", () => {
  const declared = parseConfig(
    "functions:\n  - name: plain-*\n    uses: [kms]\n  - tag: { key: team, value: pay* }\n    uses: [s3, kms]\n  - arn: '*:function:reports'\n    uses: [sts]\n",
    ".kms-audit.yml",
    RULE_IDS,
  );
  const options = scanOptionsFrom(declared);
  const fn = (name: string, tags?: Record<string, string>): LambdaFunction => lambdaFunction({ FunctionName: name, ...(tags ? { Tags: tags } : {}) });

  it("declare KMS use by name, by tag value pattern, and keep the kms-audit:uses-kms tag", () => {
    expect(options.settings?.declaresKms?.(fn("plain-orders"))).toBe(true);
    expect(options.settings?.declaresKms?.(fn("other", { team: "payments" }))).toBe(true);
    expect(options.settings?.declaresKms?.(fn("other", { team: "search" }))).toBe(false);
    expect(options.settings?.declaresKms?.(fn("other", { "kms-audit:uses-kms": "true" }))).toBe(true);
    expect(options.settings?.declaresKms?.(fn("reports"))).toBe(false);
  });

  it("name the other services each function uses, by ARN pattern too", () => {
    expect(options.services?.(fn("reports"))).toEqual(["sts"]);
    expect(options.services?.(fn("x", { team: "pay" }))).toEqual(["s3"]);
    expect(options.services?.(fn("plain-orders"))).toEqual([]);
  });

  it("turn rules off and override severities in the scan", () => {
    const snapshot = toSnapshot(scenario());
    const before = scan(snapshot).findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(before).toEqual(["lambda-no-kms-path:error"]);
    const warning = scan(snapshot, scanOptionsFrom(parseConfig("rules:\n  lambda-no-kms-path: warning\n", "c.yml", RULE_IDS)));
    expect(warning.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(["lambda-no-kms-path:warning"]);
    const off = scan(snapshot, scanOptionsFrom(parseConfig("rules:\n  lambda-no-kms-path: off\n", "c.yml", RULE_IDS)));
    expect(off.findings).toEqual([]);
  });

  it("make a missing KMS path an error for a declared function without ciphertext evidence", () => {
    const data = scenario();
    const plain = { ...data, functions: data.functions.map((f) => ({ ...f, Environment: { VariableClasses: { TABLE_NAME: "plain" as const } } })) };
    const snapshot = toSnapshot(plain);
    expect(scan(snapshot).findings.map((f) => f.severity)).toEqual(["note"]);
    const config = parseConfig("functions:\n  - name: decrypt-orders\n    uses: [kms]\n", "c.yml", RULE_IDS);
    const declaredScan = scan(snapshot, scanOptionsFrom(config));
    expect(declaredScan.findings.map((f) => f.severity)).toEqual(["error"]);
    expect(declaredScan.findings[0]?.message).toContain("the configuration declares that it calls KMS");
  });

  it("evaluate the declared services' paths, and report a blocked one as an error", () => {
    const config = parseConfig("functions:\n  - name: decrypt-orders\n    uses: [secretsmanager]\n", "c.yml", RULE_IDS);
    const result = scan(toSnapshot(scenario()), scanOptionsFrom(config));
    expect([...new Set(result.paths.map((p) => p.service))]).toEqual(["kms", "secretsmanager"]);
    expect(result.findings.map((f) => `${f.ruleId}:${f.key}:${f.severity}`)).toEqual(["lambda-no-kms-path:kms:error", "lambda-no-service-path:secretsmanager:error"]);
    expect(result.findings[1]?.message).toContain("It calls Secrets Manager at run time: the configuration declares that it calls Secrets Manager");
  });

  it("pass the subnet address threshold to the rules", () => {
    const data = scenario();
    data.subnets = data.subnets.map((s) => ({ ...s, AvailableIpAddressCount: 40 }));
    const low = (config: string) => scan(toSnapshot(data), scanOptionsFrom(parseConfig(config, "c.yml", RULE_IDS))).findings.filter((f) => f.ruleId === "subnet-addresses-low");
    expect(low("{}\n")).toEqual([]);
    expect(low("thresholds:\n  subnetFreeAddresses: 50\n").map((f) => f.resource.id).sort()).toEqual(["subnet-0private000000a1", "subnet-0private000000c1"]);
  });
});

describe("price overrides", () => {
  it("reach nat-where-privatelink's cost estimate", () => {
    const snapshot = JSON.parse(readFileSync("fixtures/nat-while-endpoint-offered.snapshot.json", "utf8")) as Snapshot;
    const message = (options = {}) => scan(snapshot, options).findings.find((f) => f.ruleId === "nat-where-privatelink")?.message ?? "";
    expect(message()).toContain("x $0.014 = ");
    const config = parseConfig("prices:\n  ap-northeast-1:\n    interfaceEndpointHourPerAz: 0.02\n", "c.yml", RULE_IDS);
    expect(message(scanOptionsFrom(config))).toContain("x $0.02 = ");
    expect(message(scanOptionsFrom(config))).toContain("with configured overrides");
  });
});
