import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EMPTY_CONFIG, loadConfig, parseConfig } from "../../src/config/index.js";
import { InputError } from "../../src/errors.js";
import { rules } from "../../src/rules/index.js";

const RULE_IDS = rules.map((rule) => rule.meta.id);

function problem(text: string, file = ".kms-audit.yml"): string {
  try {
    parseConfig(text, file, RULE_IDS);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("configuration file", () => {
  it("loads the documented example completely", () => {
    const config = parseConfig(readFileSync("examples/.kms-audit.yml", "utf8"), "examples/.kms-audit.yml", RULE_IDS);
    expect(config).toEqual({
      file: "examples/.kms-audit.yml",
      rules: { "nat-where-privatelink": "warning", "eip-unassociated": "off" },
      functions: [
        { selector: { kind: "name", pattern: "decrypt-*" }, uses: ["kms"] },
        { selector: { kind: "arn", pattern: "arn:aws:lambda:ap-northeast-1:123456789012:function:billing-*" }, uses: ["kms", "secretsmanager"] },
        { selector: { kind: "tag", key: "team", value: "payments" }, uses: ["s3", "sts"] },
      ],
      regions: ["ap-northeast-1", "us-east-1"],
      prices: {
        "ap-northeast-1": { interfaceEndpointHourPerAz: 0.014, source: "our negotiated rates, 2026" },
        "eu-west-1": { natGatewayHour: 0.048, natGatewayPerGb: 0.048, interfaceEndpointHourPerAz: 0.011, interfaceEndpointPerGb: 0.01 },
      },
      thresholds: { subnetFreeAddresses: 16 },
      suppressions: [
        {
          rule: "nat-where-privatelink",
          resource: "arn:aws:lambda:ap-northeast-1:123456789012:function:decrypt-*",
          reason: "NAT kept until the endpoint rollout (ticket NET-412)",
          expires: "2027-03-31",
          source: "examples/.kms-audit.yml: suppressions[0]",
        },
        { rule: "*", resource: "arn:aws:lambda:*:123456789012:function:sandbox-*", reason: "sandbox functions, torn down nightly", source: "examples/.kms-audit.yml: suppressions[1]" },
      ],
    });
  });

  it("reads the same settings from JSON", () => {
    const config = parseConfig('{"rules":{"route-blackhole":"note"},"regions":["us-east-1"]}', ".kms-audit.json", RULE_IDS);
    expect(config.rules).toEqual({ "route-blackhole": "note" });
    expect(config.regions).toEqual(["us-east-1"]);
  });

  it("treats an empty file as an empty configuration", () => {
    expect(parseConfig("# nothing yet\n", ".kms-audit.yml", RULE_IDS)).toEqual({ ...EMPTY_CONFIG, file: ".kms-audit.yml" });
  });

  it.each([
    ["rules:\n  lambda-no-kms-pth: off\n", ".kms-audit.yml: rules.lambda-no-kms-pth: unknown rule id (did you mean lambda-no-kms-path?)"],
    ["rules:\n  lambda-no-kms-path: critical\n", '.kms-audit.yml: rules.lambda-no-kms-path: expected error, warning, note or off, found string "critical"'],
    ["regionz: [us-east-1]\n", ".kms-audit.yml: regionz: unknown key (did you mean regions?)"],
    ["regions: [tokyo]\n", '.kms-audit.yml: regions[0]: expected an AWS region name such as ap-northeast-1, found string "tokyo"'],
    ["regions: [us-east-1, us-east-1]\n", ".kms-audit.yml: regions[1]: duplicate of item 0"],
    ["prices:\n  tokyo:\n    natGatewayHour: 1\n", '.kms-audit.yml: prices.tokyo: expected an AWS region name such as ap-northeast-1, found key "tokyo"'],
    ["prices:\n  us-east-1:\n    natGatewayHours: 1\n", ".kms-audit.yml: prices.us-east-1.natGatewayHours: unknown key (did you mean natGatewayHour?)"],
    ["prices:\n  us-east-1:\n    natGatewayHour: -1\n", ".kms-audit.yml: prices.us-east-1.natGatewayHour: expected a price in USD, a number of 0 or more, found number -1"],
    ["functions:\n  - name: a\n    arn: b\n    uses: [kms]\n", ".kms-audit.yml: functions[0]: expected exactly one of name, arn or tag, found name and arn"],
    ["functions:\n  - uses: [kms]\n", ".kms-audit.yml: functions[0]: expected exactly one of name, arn or tag, found none"],
    ["functions:\n  - name: a\n    uses: [kmss]\n", ".kms-audit.yml: functions[0].uses[0]: unknown service (did you mean kms?)"],
    ["functions:\n  - tag: { key: team }\n    uses: [kms]\n", ".kms-audit.yml: functions[0].tag.value: missing; this key is required"],
    ["suppressions:\n  - rule: '*'\n    resource: fn\n", ".kms-audit.yml: suppressions[0].reason: missing; this key is required"],
    ["suppressions:\n  - rule: '*'\n    resource: fn\n    reason: '  '\n", '.kms-audit.yml: suppressions[0].reason: expected the reason for the suppression (required, not blank), found string "  "'],
    ["suppressions:\n  - rule: nat-path-brokn\n    resource: fn\n    reason: r\n", ".kms-audit.yml: suppressions[0].rule: unknown rule id (did you mean nat-path-broken?)"],
    ["suppressions:\n  - rule: '*'\n    resource: fn\n    reason: r\n    expires: 2026-02-30\n", '.kms-audit.yml: suppressions[0].expires: expected a real calendar date YYYY-MM-DD, found "2026-02-30"'],
    ["suppressions:\n  - rule: '*'\n    resource: fn\n    reason: r\n    expires: next week\n", '.kms-audit.yml: suppressions[0].expires: expected a date YYYY-MM-DD, found string "next week"'],
    ["version: 2\n", ".kms-audit.yml: version: expected 1 (the only configuration version), found number 2"],
    ["thresholds:\n  subnetFreeAddresses: 2.5\n", ".kms-audit.yml: thresholds.subnetFreeAddresses: expected a whole number of free IPv4 addresses, 0 or more, found number 2.5"],
    ["thresholds:\n  subnetFreeAddress: 5\n", ".kms-audit.yml: thresholds.subnetFreeAddress: unknown key (did you mean subnetFreeAddresses?)"],
    ["- rules\n", ".kms-audit.yml: (top level): expected a mapping of configuration keys (version, regions, rules, functions, prices, thresholds, suppressions), found an array"],
    ["rules:\n  a: off\nrules:\n  b: off\n", ".kms-audit.yml: line 3, column 1: expected YAML: Map keys must be unique"],
  ])("rejects %j with one line naming the key", (text, message) => {
    expect(problem(text)).toBe(message);
  });

  it("names the file and position of a JSON syntax error", () => {
    expect(problem('{"rules": ', ".kms-audit.json")).toBe(".kms-audit.json: line 1 column 11: expected a JSON value; the file ends early (truncated?)");
    expect(problem('{"rules": {"x": hunter2}}', ".kms-audit.json")).toBe(".kms-audit.json: line 1 column 17: expected a JSON value");
  });
});

describe("finding the configuration file", () => {
  let directory = "";
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), "kms-audit-config-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("uses the empty configuration when the working directory has none", async () => {
    expect(await loadConfig(undefined, directory, RULE_IDS)).toBe(EMPTY_CONFIG);
  });

  it("finds .kms-audit.yml in the working directory and names it relative to it", async () => {
    writeFileSync(path.join(directory, ".kms-audit.yml"), "rules:\n  route-blackhole: off\n");
    const config = await loadConfig(undefined, directory, RULE_IDS);
    expect({ file: config.file, rules: config.rules }).toEqual({ file: ".kms-audit.yml", rules: { "route-blackhole": "off" } });
  });

  it("refuses to choose between two configuration files", async () => {
    writeFileSync(path.join(directory, ".kms-audit.yml"), "{}\n");
    writeFileSync(path.join(directory, ".kms-audit.json"), "{}\n");
    await expect(loadConfig(undefined, directory, RULE_IDS)).rejects.toThrow(
      new InputError(".kms-audit.yml, .kms-audit.json", "(working directory)", "expected one configuration file; keep one, or pass --config"),
    );
  });

  it("reads --config relative to the working directory and reports a missing one or a directory", async () => {
    mkdirSync(path.join(directory, "ci"));
    writeFileSync(path.join(directory, "ci", "audit.json"), '{"regions":["eu-west-1"]}');
    expect((await loadConfig("ci/audit.json", directory, RULE_IDS)).regions).toEqual(["eu-west-1"]);
    await expect(loadConfig("ci/none.yml", directory, RULE_IDS)).rejects.toThrow("ci/none.yml: --config: expected a readable configuration file (no such file)");
    await expect(loadConfig("ci", directory, RULE_IDS)).rejects.toThrow("ci: --config: expected a readable configuration file (found a directory)");
  });
});
